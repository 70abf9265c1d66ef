export { createFicoService, type FicoService } from './fico-service';
