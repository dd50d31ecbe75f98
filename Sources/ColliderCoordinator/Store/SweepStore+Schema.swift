import GRDB

/// The store's tables, created by numbered migrations so that later versions can add to them.
extension SweepStore {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE sweep (
                        name TEXT PRIMARY KEY, config TEXT NOT NULL, created REAL NOT NULL);
                    CREATE TABLE tasks (
                        id TEXT PRIMARY KEY, position INTEGER NOT NULL, in_plan INTEGER NOT NULL,
                        kind TEXT NOT NULL, backbone TEXT NOT NULL, mode TEXT, gate TEXT NOT NULL,
                        seed INTEGER, criterion TEXT, depends_on TEXT NOT NULL,
                        estimated_usd REAL NOT NULL DEFAULT 0,
                        state TEXT NOT NULL, attempt INTEGER NOT NULL DEFAULT 0,
                        failure_class TEXT, failure_reason TEXT, lease_id TEXT, worker TEXT,
                        next_eligible_at REAL, updated REAL NOT NULL);
                    CREATE INDEX tasks_state ON tasks(state);
                    CREATE TABLE events (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT, at REAL NOT NULL, kind TEXT NOT NULL,
                        task_id TEXT, worker TEXT, lease_id TEXT, detail TEXT NOT NULL);
                    CREATE TABLE leases (
                        id TEXT PRIMARY KEY, task_id TEXT NOT NULL, worker TEXT NOT NULL,
                        attempt INTEGER NOT NULL, granted_at REAL NOT NULL,
                        closed_at REAL, outcome TEXT);
                    CREATE TABLE checkpoints (
                        task_id TEXT NOT NULL, step INTEGER NOT NULL, blob BLOB NOT NULL,
                        PRIMARY KEY (task_id, step));
                    CREATE TABLE journal (
                        call_key TEXT PRIMARY KEY, task_id TEXT NOT NULL,
                        after_step INTEGER NOT NULL, entry BLOB NOT NULL);
                    CREATE INDEX journal_task ON journal(task_id, after_step);
                    CREATE TABLE step_records (
                        task_id TEXT NOT NULL, step INTEGER NOT NULL, json TEXT NOT NULL,
                        PRIMARY KEY (task_id, step));
                    CREATE TABLE results (
                        task_id TEXT PRIMARY KEY, lease_id TEXT NOT NULL, worker TEXT NOT NULL,
                        payload BLOB NOT NULL, cost_usd REAL NOT NULL, at REAL NOT NULL);
                    CREATE TABLE duplicate_results (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT, task_id TEXT NOT NULL,
                        lease_id TEXT NOT NULL, worker TEXT NOT NULL, payload BLOB NOT NULL,
                        cost_usd REAL NOT NULL, at REAL NOT NULL);
                    CREATE TABLE usage (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT, task_id TEXT NOT NULL,
                        role TEXT NOT NULL, endpoint TEXT NOT NULL, calls INTEGER NOT NULL,
                        tokens INTEGER NOT NULL, dollars REAL NOT NULL, at REAL NOT NULL);
                    """)
        }
        // Leases lost with their worker, counted apart from the task's own failures.
        migrator.registerMigration("v2") { db in
            try db.execute(sql: "ALTER TABLE tasks ADD COLUMN lost_leases INTEGER NOT NULL DEFAULT 0")
        }
        return migrator
    }
}
