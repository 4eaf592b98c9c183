CREATE TABLE `account_links` (
	`account_id` text PRIMARY KEY NOT NULL,
	`phone` text NOT NULL,
	`linked_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `campaign_recipients` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` text NOT NULL,
	`phone` text NOT NULL,
	`name` text,
	`variables` text NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`account_id` text,
	`message_id` text,
	`variant` integer,
	`error` text,
	`claimed_at` integer,
	`new_contact` integer,
	`replied_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `campaign_recipients_campaign_phone_idx` ON `campaign_recipients` (`campaign_id`,`phone`);--> statement-breakpoint
CREATE INDEX `campaign_recipients_campaign_state_idx` ON `campaign_recipients` (`campaign_id`,`state`,`id`);--> statement-breakpoint
CREATE INDEX `campaign_recipients_message_idx` ON `campaign_recipients` (`message_id`);--> statement-breakpoint
CREATE INDEX `campaign_recipients_account_claimed_idx` ON `campaign_recipients` (`account_id`,`claimed_at`);--> statement-breakpoint
CREATE INDEX `campaign_recipients_phone_idx` ON `campaign_recipients` (`phone`);--> statement-breakpoint
CREATE TABLE `campaigns` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_id` text NOT NULL,
	`account_id` text,
	`pool_id` text,
	`name` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`pause_reason` text,
	`pause_detail` text,
	`resume_at` integer,
	`variants` text NOT NULL,
	`pacing` text NOT NULL,
	`check_numbers` integer DEFAULT false NOT NULL,
	`failure_streak` integer DEFAULT 0 NOT NULL,
	`scheduled_at` integer,
	`started_at` integer,
	`completed_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`pool_id`) REFERENCES `pools`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `campaigns_status_idx` ON `campaigns` (`status`);--> statement-breakpoint
CREATE INDEX `campaigns_account_idx` ON `campaigns` (`account_id`);--> statement-breakpoint
CREATE INDEX `campaigns_pool_idx` ON `campaigns` (`pool_id`);--> statement-breakpoint
CREATE TABLE `contact_tags` (
	`contact_id` text NOT NULL,
	`account_id` text NOT NULL,
	`tag` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`contact_id`, `tag`),
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `contact_tags_account_tag_idx` ON `contact_tags` (`account_id`,`tag`);--> statement-breakpoint
CREATE TABLE `opt_out_settings` (
	`account_id` text PRIMARY KEY NOT NULL,
	`stop_words` text,
	`confirmation` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `pool_accounts` (
	`pool_id` text NOT NULL,
	`account_id` text NOT NULL,
	PRIMARY KEY(`pool_id`, `account_id`),
	FOREIGN KEY (`pool_id`) REFERENCES `pools`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `pool_accounts_account_idx` ON `pool_accounts` (`account_id`);--> statement-breakpoint
CREATE TABLE `pool_contacts` (
	`pool_id` text NOT NULL,
	`phone` text NOT NULL,
	`account_id` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`pool_id`, `phone`),
	FOREIGN KEY (`pool_id`) REFERENCES `pools`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `pools` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_id` text NOT NULL,
	`name` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `pools_owner_idx` ON `pools` (`owner_id`);--> statement-breakpoint
CREATE TABLE `suppressions` (
	`account_id` text NOT NULL,
	`phone` text NOT NULL,
	`source` text NOT NULL,
	`note` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`account_id`, `phone`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
