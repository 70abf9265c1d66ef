export { createTitleService, isEmailAddress, emailHint, type TitleService, type TitleCode, type TitleInfo } from './title-service';
