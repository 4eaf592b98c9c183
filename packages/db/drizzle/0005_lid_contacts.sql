ALTER TABLE `contacts` ADD `lid` text;--> statement-breakpoint
CREATE UNIQUE INDEX `contacts_account_lid_idx` ON `contacts` (`account_id`,`lid`);