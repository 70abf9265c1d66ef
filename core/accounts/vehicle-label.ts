import type { VehicleAccount } from '../shared/types';

/**
 * How a vehicle is named to the customer on every channel ("2021 Honda
 * Civic"): in chat, on the phone, in a reminder and in a receipt by text.
 * Built here only, so the words never drift apart between channels.
 */
export function vehicleLabel(account: Pick<VehicleAccount, 'year' | 'make' | 'model'>): string {
  return `${account.year} ${account.make} ${account.model}`;
}
