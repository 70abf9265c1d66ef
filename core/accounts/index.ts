export { createAccountService, PAYOFF_GOOD_FOR_DAYS, type AccountService, type AccountSummary } from './account-service';
export { vehicleLabel } from './vehicle-label';
export { accountBrief, type AccountBrief } from './account-brief';
export { ownedAccount, ownAccount, type CustomerContext, type OwnershipCode } from './customer-context';
