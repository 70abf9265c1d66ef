import type { VehicleAccount } from '../shared/types';
import { vehicleLabel } from './vehicle-label';

/** An account as a conversation names it: never its full number. */
export interface AccountBrief {
  id: string;
  last4: string;
  /** The last six characters of the VIN: a VIN given to verify names its vehicle. */
  vinLast6?: string;
  /** "2021 Honda Civic" */
  vehicle: string;
  product: 'retail' | 'lease';
  paidOff: boolean;
}

export function accountBrief(a: VehicleAccount): AccountBrief {
  return {
    id: a.id,
    last4: a.accountNumber.slice(-4),
    vinLast6: a.vin.slice(-6),
    vehicle: vehicleLabel(a),
    product: a.product,
    paidOff: a.status === 'paid_off',
  };
}
