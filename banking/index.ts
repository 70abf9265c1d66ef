export { createSimulatedAccountValidation, createPrenoteValidation } from './account-validation';
