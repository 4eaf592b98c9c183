ALTER TABLE `conversations` ADD `assignee_id` text;--> statement-breakpoint
CREATE INDEX `conversations_assignee_idx` ON `conversations` (`assignee_id`);