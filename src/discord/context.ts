import type { Config } from "../config.js";
import type { Content } from "../core/content/load.js";
import type { Logger } from "../log.js";
import type { GradeFn } from "../sessions/grader.js";
import type { GroupService } from "../sessions/group-service.js";
import type { SessionService } from "../sessions/session-service.js";
import type { StoryService } from "../sessions/story-service.js";
import type { Store } from "../store/store.js";

/** Everything a handler may use; built once in main and passed down. */
export interface BotContext {
  config: Config;
  content: Content;
  store: Store;
  sessions: SessionService;
  groups: GroupService;
  stories: StoryService;
  grade: GradeFn;
  log: Logger;
  now: () => Date;
}
