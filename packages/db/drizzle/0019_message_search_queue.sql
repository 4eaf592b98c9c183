-- Message text is indexed for search in batches (see `indexQueuedMessages`) instead of inside each message's
-- own commit: FTS5 writes a new segment, and merges older ones, at every commit that adds text, which was
-- about a third of the pages each send wrote. A new message's rowid waits in this queue, in the same
-- transaction as the message, until a batch indexes it; a search indexes what is queued first, so it never
-- misses a stored message.
CREATE TABLE `messages_fts_queue` (`message_rowid` integer PRIMARY KEY NOT NULL);
--> statement-breakpoint
DROP TRIGGER `messages_fts_insert`;
--> statement-breakpoint
CREATE TRIGGER `messages_fts_enqueue` AFTER INSERT ON `messages` WHEN new.body <> '' BEGIN
  INSERT INTO `messages_fts_queue` (message_rowid) VALUES (new.rowid);
END;
--> statement-breakpoint
-- A message still queued is not in the index: it leaves the queue instead (a rowid freed here may be given
-- to the next message, which must not find it queued or indexed).
DROP TRIGGER `messages_fts_delete`;
--> statement-breakpoint
CREATE TRIGGER `messages_fts_delete` AFTER DELETE ON `messages` WHEN old.body <> '' BEGIN
  INSERT INTO `messages_fts` (`messages_fts`, rowid, body)
    SELECT 'delete', old.rowid, old.body
    WHERE NOT EXISTS (SELECT 1 FROM `messages_fts_queue` WHERE message_rowid = old.rowid);
  DELETE FROM `messages_fts_queue` WHERE message_rowid = old.rowid;
END;
--> statement-breakpoint
-- A changed text leaves the index, if it was in it, and the new one is queued.
DROP TRIGGER `messages_fts_update`;
--> statement-breakpoint
CREATE TRIGGER `messages_fts_update` AFTER UPDATE OF body ON `messages` BEGIN
  INSERT INTO `messages_fts` (`messages_fts`, rowid, body)
    SELECT 'delete', old.rowid, old.body
    WHERE old.body <> '' AND NOT EXISTS (SELECT 1 FROM `messages_fts_queue` WHERE message_rowid = old.rowid);
  DELETE FROM `messages_fts_queue` WHERE message_rowid = old.rowid;
  INSERT INTO `messages_fts_queue` (message_rowid) SELECT new.rowid WHERE new.body <> '';
END;
