export { createAutoPayService, type AutoPayService, type AutoPayStatus, type AutoPayCode } from './autopay-service';
