ALTER TABLE `accounts` ADD `limited_reason` text;--> statement-breakpoint
ALTER TABLE `accounts` ADD `limited_until` integer;