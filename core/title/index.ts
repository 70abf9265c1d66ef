export { createTitleService, type TitleService, type TitleCode } from './title-service';
