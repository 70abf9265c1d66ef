import type { Services } from '../services';

/**
 * The use cases the conversation engine calls: the domain services themselves
 * (each typed next to its domain), and where card payments can be made. The
 * engine never reaches a repository; the composition root passes the services in.
 */
export type EngineServices = Pick<
  Services,
  'today' | 'identity' | 'accounts' | 'payments' | 'autopay' | 'title' | 'fico' | 'alerts' | 'payByText' | 'audit'
> & {
  /**
   * Where card payments can be made: on the phone line through its PCI-safe
   * card capture (`phone`), and on a hosted card page the chat links to.
   */
  cardPayments: CardPayments;
};

export interface CardPayments {
  phone: boolean;
  pageUrl: string | null;
}
