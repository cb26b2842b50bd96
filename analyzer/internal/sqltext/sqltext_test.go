package sqltext

import (
	"reflect"
	"strings"
	"testing"
)

func prm(i int) Operand          { return Operand{Kind: OpParam, Param: i} }
func named(n string) Operand     { return Operand{Kind: OpParam, Param: -1, Name: n} }
func lit(s string) Operand       { return Operand{Kind: OpLiteral, Param: -1, Literal: s} }
func kind(k OperandKind) Operand { return Operand{Kind: k, Param: -1} }

var (
	null = kind(OpNull)
	col  = kind(OpColumn)
	now  = kind(OpNow)
	subq = kind(OpSubquery)
	unk  = kind(OpUnknown)
)

func pred(c, op string, v Operand) Predicate { return Predicate{Column: c, Op: op, Value: v} }

// parseTests compare the whole Statement, so every field is pinned.
var parseTests = []struct {
	sql  string
	want Statement
}{
	{
		"UPDATE emails SET opened_at = ? WHERE id = ? AND opened_at IS NULL",
		Statement{Verb: Update, Table: "emails", Params: 2,
			Set:   []Assignment{{Column: "opened_at", Value: prm(0)}},
			Where: []Predicate{pred("id", "=", prm(1)), pred("opened_at", "IS NULL", null)}},
	},
	{
		"SELECT id, opened_at FROM emails WHERE tracking_id = $1",
		Statement{Verb: Select, Table: "emails", Params: 1, Columns: []string{"id", "opened_at"},
			Where: []Predicate{pred("tracking_id", "=", prm(0))}},
	},
	{
		`select e.id from public."Emails" e where e.tracking_id=:tid`,
		Statement{Verb: Select, Table: "emails", Columns: []string{"id"}, Named: []string{"tid"},
			Where: []Predicate{pred("tracking_id", "=", named("tid"))}},
	},
	{
		"SELECT EXISTS(SELECT 1 FROM t WHERE email = $1)",
		Statement{Verb: Select, Table: "t", Params: 1, Columns: []string{"exists(...)"},
			Where: []Predicate{pred("email", "=", prm(0))}},
	},
	{
		"SELECT count(*) FROM t WHERE a = $1::uuid AND b = ANY($2)",
		Statement{Verb: Select, Table: "t", Params: 2, Columns: []string{"count(*)"},
			Where: []Predicate{pred("a", "=", prm(0)), pred("b", "IN", prm(1))}},
	},
	{
		"INSERT INTO t (a,b) VALUES ($1,$2) ON CONFLICT (a) DO NOTHING RETURNING id",
		Statement{Verb: Insert, Table: "t", Params: 2, InsertColumns: []string{"a", "b"},
			InsertValues: []Operand{prm(0), prm(1)}, Conflict: DoNothing, ConflictTarget: []string{"a"}, Returning: true},
	},
	{
		"INSERT INTO counters (k, n) VALUES (?, 1) ON DUPLICATE KEY UPDATE n = n + 1",
		Statement{Verb: Insert, Table: "counters", Params: 1, InsertColumns: []string{"k", "n"},
			InsertValues: []Operand{prm(0), lit("1")}, Conflict: DoUpdate,
			ConflictSet: []Assignment{{Column: "n", Value: unk, SelfRef: true, Atomic: true}}},
	},
	{
		"UPDATE t SET a = $1, b = now() WHERE id = $2 AND a IS NULL",
		Statement{Verb: Update, Table: "t", Params: 2,
			Set:   []Assignment{{Column: "a", Value: prm(0)}, {Column: "b", Value: now}},
			Where: []Predicate{pred("id", "=", prm(1)), pred("a", "IS NULL", null)}},
	},
	{
		"UPDATE accounts SET balance = balance - $1 WHERE id = $2 AND balance >= $1",
		Statement{Verb: Update, Table: "accounts", Params: 2,
			Set:   []Assignment{{Column: "balance", Value: unk, SelfRef: true, Atomic: true}},
			Where: []Predicate{pred("id", "=", prm(1)), pred("balance", ">=", prm(0))}},
	},
	{
		"SELECT * FROM jobs WHERE status = 'pending' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED",
		Statement{Verb: Select, Table: "jobs", Columns: []string{"*"}, Lock: ForUpdate, SkipLocked: true,
			Where: []Predicate{pred("status", "=", lit("pending"))}},
	},
	{
		"UPDATE jobs SET status='running' WHERE id = (SELECT id FROM jobs WHERE status='pending' LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING id",
		Statement{Verb: Update, Table: "jobs", Lock: ForUpdate, SkipLocked: true, Returning: true,
			Set:   []Assignment{{Column: "status", Value: lit("running")}},
			Where: []Predicate{pred("id", "=", subq)}},
	},
	{
		"SELECT balance FROM accounts WHERE id = ? LOCK IN SHARE MODE",
		Statement{Verb: Select, Table: "accounts", Params: 1, Columns: []string{"balance"}, Lock: ForShare,
			Where: []Predicate{pred("id", "=", prm(0))}},
	},
	{
		"SELECT * FROM t WHERE id = $1 FOR NO KEY UPDATE NOWAIT",
		Statement{Verb: Select, Table: "t", Params: 1, Columns: []string{"*"}, Lock: ForNoKeyUpdate, NoWait: true,
			Where: []Predicate{pred("id", "=", prm(0))}},
	},
	{
		"WITH c AS (SELECT id FROM jobs WHERE status = 'queued' LIMIT 10 FOR UPDATE SKIP LOCKED)\n" +
			"UPDATE jobs SET status = 'running' FROM c WHERE jobs.id = c.id RETURNING jobs.id",
		Statement{Verb: Update, Table: "jobs", WithCTE: true, Lock: ForUpdate, SkipLocked: true, Returning: true,
			Set:   []Assignment{{Column: "status", Value: lit("running")}},
			Where: []Predicate{pred("id", "=", col)}},
	},
	{
		"DELETE FROM sessions USING users WHERE sessions.user_id = users.id AND users.email = $1",
		Statement{Verb: Delete, Table: "sessions", Params: 1,
			Where: []Predicate{pred("user_id", "=", col), pred("email", "=", prm(0))}},
	},
	{
		"INSERT OR IGNORE INTO `tags` (`name`) VALUES (?)",
		Statement{Verb: Insert, Table: "tags", Params: 1, Conflict: DoNothing,
			InsertColumns: []string{"name"}, InsertValues: []Operand{prm(0)}},
	},
	{
		"SELECT /* FOR UPDATE ? $3 WHERE */ a FROM t -- WHERE x = ? FOR UPDATE",
		Statement{Verb: Select, Table: "t", Columns: []string{"a"}},
	},
	{
		"SELECT 'it''s ? $2 FOR UPDATE' AS s, $$ ? $1 $$ FROM t WHERE x = ? -- ?",
		Statement{Verb: Select, Table: "t", Params: 1, Columns: []string{"'it''s ? $2 FOR UPDATE'", "$$ ? $1 $$"},
			Where: []Predicate{pred("x", "=", prm(0))}},
	},
	{
		"SELECT * FROM `users` WHERE `users`.`id` = ? AND `users`.`deleted_at` IS NULL ORDER BY `users`.`id` LIMIT 1",
		Statement{Verb: Select, Table: "users", Params: 1, Columns: []string{"*"},
			Where: []Predicate{pred("id", "=", prm(0)), pred("deleted_at", "IS NULL", null)}},
	},
	{
		"UPDATE t SET n = COALESCE(n,0)+1, m = GREATEST(m, $1), o = $2 WHERE id = $3",
		Statement{Verb: Update, Table: "t", Params: 3,
			Set: []Assignment{
				{Column: "n", Value: unk, SelfRef: true, Atomic: true},
				{Column: "m", Value: unk, SelfRef: true},
				{Column: "o", Value: prm(1)},
			},
			Where: []Predicate{pred("id", "=", prm(2))}},
	},
	{
		// sqlc's optional updates: sqlc.narg('name') becomes $1.
		"UPDATE users SET name = COALESCE($1, name), bio = IFNULL($2, bio), n = COALESCE($3, 0) WHERE id = $4",
		Statement{Verb: Update, Table: "users", Params: 4,
			Set: []Assignment{
				{Column: "name", Value: prm(0), SelfRef: true},
				{Column: "bio", Value: prm(1), SelfRef: true},
				{Column: "n", Value: unk},
			},
			Where: []Predicate{pred("id", "=", prm(3))}},
	},
	{
		"INSERT INTO t AS x (a, b) VALUES ($1, $2) ON CONFLICT (a) DO UPDATE SET b = EXCLUDED.b, n = x.n + 1 WHERE x.b <> EXCLUDED.b",
		Statement{Verb: Insert, Table: "t", Params: 2, InsertColumns: []string{"a", "b"},
			InsertValues: []Operand{prm(0), prm(1)}, Conflict: DoUpdate, ConflictTarget: []string{"a"},
			ConflictSet: []Assignment{{Column: "b", Value: col}, {Column: "n", Value: unk, SelfRef: true, Atomic: true}}},
	},
	{
		"INSERT INTO t (a, n) VALUES (?, ?) AS new ON DUPLICATE KEY UPDATE n = new.n, m = VALUES(n) + n",
		Statement{Verb: Insert, Table: "t", Params: 2, InsertColumns: []string{"a", "n"},
			InsertValues: []Operand{prm(0), prm(1)}, Conflict: DoUpdate,
			ConflictSet: []Assignment{{Column: "n", Value: col}, {Column: "m", Value: unk}}},
	},
	{
		"DELETE e FROM emails e JOIN users u ON u.id = e.user_id WHERE u.id = ?",
		Statement{Verb: Delete, Table: "emails", Params: 1, Where: []Predicate{pred("id", "=", prm(0))}},
	},
	{
		"SELECT a.id, b.name AS bn, count(*) c, 1, lower(x), COUNT(DISTINCT y) FROM a JOIN b ON a.id = b.aid WHERE a.x = 'y' OR b.y = 2",
		Statement{Verb: Select, Table: "a", Columns: []string{"id", "name", "count(*)", "1", "lower(x)", "count(distinct y)"},
			WhereOr: true, Where: []Predicate{pred("x", "=", lit("y")), pred("y", "=", lit("2"))}},
	},
	{
		"UPDATE t SET deleted_at = CURRENT_TIMESTAMP WHERE id = $1 AND deleted_at IS NULL",
		Statement{Verb: Update, Table: "t", Params: 1,
			Set:   []Assignment{{Column: "deleted_at", Value: now}},
			Where: []Predicate{pred("id", "=", prm(0)), pred("deleted_at", "IS NULL", null)}},
	},
	{
		"INSERT INTO t (a, b, c, d) VALUES (datetime('now'), NULL, -5, TRUE)",
		Statement{Verb: Insert, Table: "t", InsertColumns: []string{"a", "b", "c", "d"},
			InsertValues: []Operand{now, null, lit("-5"), lit("true")}},
	},
	{
		"MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET n = t.n + s.n, m = s.m WHEN NOT MATCHED THEN INSERT (id, n) VALUES (s.id, s.n)",
		Statement{Verb: Insert, Table: "t", Conflict: DoUpdate, InsertColumns: []string{"id", "n"},
			InsertValues: []Operand{col, col},
			ConflictSet:  []Assignment{{Column: "n", Value: unk, SelfRef: true, Atomic: true}, {Column: "m", Value: col}}},
	},
	{
		"UPDATE accounts a SET balance = a.balance + b.amount FROM bonuses b WHERE a.id = b.account_id",
		Statement{Verb: Update, Table: "accounts",
			Set:   []Assignment{{Column: "balance", Value: unk, SelfRef: true, Atomic: true}},
			Where: []Predicate{pred("id", "=", col)}},
	},
	{
		"replace into kv (k, v) values (?, ?)",
		Statement{Verb: Insert, Table: "kv", Params: 2, Conflict: DoUpdate,
			InsertColumns: []string{"k", "v"}, InsertValues: []Operand{prm(0), prm(1)}},
	},
	{
		"INSERT IGNORE INTO users SET email = ?, name = ?",
		Statement{Verb: Insert, Table: "users", Params: 2, Conflict: DoNothing,
			InsertColumns: []string{"email", "name"}, InsertValues: []Operand{prm(0), prm(1)}},
	},
	{
		"INSERT INTO archive (id) SELECT id FROM jobs WHERE done",
		Statement{Verb: Insert, Table: "archive", InsertColumns: []string{"id"}},
	},
	{
		"  ;; select 1 ;  ",
		Statement{Verb: Select, Columns: []string{"1"}},
	},
	{"", Statement{}},
	{"BEGIN", Statement{Verb: Other}},
	{"CREATE TABLE t (id int PRIMARY KEY)", Statement{Verb: Other}},
	{"hello world", Statement{}},
}

func TestParse(t *testing.T) {
	for _, tc := range parseTests {
		got := Parse(tc.sql)
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Parse(%q)\n got %+v\nwant %+v", tc.sql, got, tc.want)
		}
	}
}

// fieldTests pin only what each case is about.
var fieldTests = []struct {
	sql   string
	check func(Statement) bool
}{
	{"SELECT * FROM t WHERE a = $2 AND b = $2 AND c = $10", func(s Statement) bool {
		return s.Params == 10 && s.Where[2].Value == prm(9) && s.Where[1].Value == prm(1)
	}},
	{"SELECT * FROM t WHERE a = ? AND b = '?' AND c = \"?\" AND d = `?` /* ? */ AND e = ?", func(s Statement) bool {
		return s.Params == 2 && len(s.Where) == 5 && s.Where[4].Value == prm(1)
	}},
	{"SELECT data ?| array['a'], data ?& array['b'] FROM t WHERE x ?? 1 AND y = ?", func(s Statement) bool {
		return s.Params == 1 && s.Where[1] == pred("y", "=", prm(0))
	}},
	{"SELECT a::text, :x, $tag$ ? :y $1 $tag$ FROM t WHERE b := 1 AND c = @name AND d = :x", func(s Statement) bool {
		return reflect.DeepEqual(s.Named, []string{"x", "name"}) && s.Params == 0 && s.Where[2].Value == named("x")
	}},
	{"SELECT @@session.tx_isolation", func(s Statement) bool { return s.Named == nil && s.Verb == Select }},
	{"INSERT INTO t (a) VALUES (:user.email)", func(s Statement) bool {
		return reflect.DeepEqual(s.Named, []string{"user.email"}) && s.InsertValues[0] == named("user.email")
	}},
	{"SELECT * FROM t WHERE x = 1 /* unterminated ? $4", func(s Statement) bool { return s.Params == 0 && len(s.Where) == 1 }},
	{"SELECT * FROM t WHERE x = 'unterminated ?", func(s Statement) bool { return s.Params == 0 }},
	{"SELECT * FROM t WHERE x = $$unterminated ?", func(s Statement) bool { return s.Params == 0 }},
	{"SELECT * FROM t WHERE x = E'it\\'s ?' AND y = ?", func(s Statement) bool {
		return s.Params == 1 && s.Where[0].Value == lit("it's ?")
	}},
	{"SELECT * FROM t WHERE id = $99999999999999999999", func(s Statement) bool { return s.Params == 0 }},
	{"SELECT * FROM t WHERE id = ?2 AND x = ?1", func(s Statement) bool { return s.Params == 2 && s.Where[0].Value == prm(1) }},
	{"select * from T where Id IN ($1) and status not in ('a','b') and name like $2 and age between $3 and $4 and z <> 1",
		func(s Statement) bool {
			return reflect.DeepEqual(s.Where, []Predicate{
				pred("id", "IN", prm(0)), pred("status", "NOT IN", unk), pred("name", "LIKE", prm(1)),
				pred("age", "BETWEEN", prm(2)), pred("z", "!=", lit("1")),
			}) && !s.WhereOr
		}},
	{"SELECT * FROM t WHERE id IN (SELECT id FROM u) AND $1 = owner AND 5 < n", func(s Statement) bool {
		return reflect.DeepEqual(s.Where, []Predicate{
			pred("id", "IN", subq), pred("owner", "=", prm(0)), pred("n", ">", lit("5")),
		})
	}},
	{"SELECT * FROM t WHERE (a = 1 AND b = 2) AND (c = 3 OR d = 4) AND NOT e AND EXISTS (SELECT 1)", func(s Statement) bool {
		return !s.WhereOr && reflect.DeepEqual(s.Where, []Predicate{
			pred("a", "=", lit("1")), pred("b", "=", lit("2")), pred("", "", unk), pred("", "", unk), pred("", "", unk),
		})
	}},
	{"SELECT * FROM t WHERE CASE WHEN a AND b THEN 1 ELSE 0 END = 1 AND active", func(s Statement) bool {
		return len(s.Where) == 2 && s.Where[1] == pred("active", "", unk)
	}},
	{"SELECT * FROM t WHERE a IS NOT NULL AND b IS NOT DISTINCT FROM $1 AND lower(email) = lower($2) AND c = x.d", func(s Statement) bool {
		return reflect.DeepEqual(s.Where, []Predicate{
			pred("a", "IS NOT NULL", null), pred("b", "=", prm(0)), pred("", "=", unk), pred("c", "=", col),
		})
	}},
	{"SELECT * FROM t WHERE id = ANY($1::uuid[]) AND x <> ALL($2) AND y > ANY($3)", func(s Statement) bool {
		return reflect.DeepEqual(s.Where, []Predicate{
			pred("id", "IN", prm(0)), pred("x", "NOT IN", prm(1)), pred("y", ">", unk),
		})
	}},
	{"SELECT * FROM t WHERE created_at < now() - interval '1 day' AND ts = CAST($1 AS timestamptz) AND d = DATE '2020-01-01'", func(s Statement) bool {
		return s.Where[0].Value == unk && s.Where[1].Value == prm(0) && s.Where[2].Value == lit("2020-01-01")
	}},
	{"SELECT * FROM t WHERE \"Status\" = 'x' COLLATE \"C\" AND t.\"Id\" = 1", func(s Statement) bool {
		return s.Where[0] == pred("status", "=", lit("x")) && s.Where[1].Column == "id"
	}},
	{"SELECT [Id], [Name] FROM [dbo].[Users] WHERE [Id] = @p1", func(s Statement) bool {
		return s.Table == "users" && reflect.DeepEqual(s.Columns, []string{"id", "name"}) && s.Where[0] == pred("id", "=", named("p1"))
	}},
	{"SELECT arr[1], ARRAY[$1, $2] FROM t", func(s Statement) bool { return s.Params == 2 }},
	{"SELECT * FROM (SELECT * FROM t) x WHERE x.a = 1", func(s Statement) bool { return s.Table == "" && len(s.Where) == 1 }},
	{"SELECT a FROM t UNION SELECT b FROM u WHERE c = 1", func(s Statement) bool { return s.Table == "t" && s.Where == nil }},
	{"SELECT DISTINCT ON (a) a, b FROM t ORDER BY a", func(s Statement) bool { return reflect.DeepEqual(s.Columns, []string{"a", "b"}) }},
	{"SELECT t.*, u.name FROM t, u", func(s Statement) bool { return reflect.DeepEqual(s.Columns, []string{"*", "name"}) }},
	{"SELECT CASE WHEN a THEN 1 ELSE 0 END AS x, b c FROM t", func(s Statement) bool {
		return reflect.DeepEqual(s.Columns, []string{"case when a then 1 else 0 end", "b"})
	}},
	{"SELECT (SELECT count(*) FROM u WHERE u.t = $1)", func(s Statement) bool { return s.Table == "u" && len(s.Where) == 1 }},
	{"SELECT NOT EXISTS (SELECT 1 FROM users WHERE email = ? FOR SHARE)", func(s Statement) bool {
		return s.Table == "users" && s.Lock == ForShare && s.Where[0] == pred("email", "=", prm(0))
	}},
	{"SELECT * FROM t WHERE id = 1 FOR SHARE OF t FOR UPDATE OF u SKIP LOCKED", func(s Statement) bool {
		return s.Lock == ForUpdate && s.SkipLocked && !s.NoWait
	}},
	{"SELECT * FROM t WHERE id = 1 FOR KEY SHARE", func(s Statement) bool { return s.Lock == ForShare }},
	{"SELECT * FROM t WHERE lock = 1 AND x = 2", func(s Statement) bool { return len(s.Where) == 2 && s.Lock == NoLock }},
	{"SELECT substring(a FROM 1 FOR 2) FROM t WHERE x = 1", func(s Statement) bool {
		return s.Table == "t" && s.Lock == NoLock && len(s.Where) == 1
	}},
	{"WITH x AS (SELECT id FROM t FOR UPDATE) SELECT * FROM x WHERE id = $1", func(s Statement) bool {
		return s.WithCTE && s.Verb == Select && s.Table == "x" && s.Lock == NoLock && len(s.Where) == 1
	}},
	{"WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n+1 FROM r), y AS MATERIALIZED (SELECT 2) DELETE FROM t WHERE id IN (SELECT n FROM r)",
		func(s Statement) bool { return s.WithCTE && s.Verb == Delete && s.Table == "t" }},
	{"WITH moved AS (DELETE FROM a RETURNING *) INSERT INTO b SELECT * FROM moved", func(s Statement) bool {
		return s.Verb == Insert && s.Table == "b" && !s.Returning
	}},
	{"WITH x AS (SELECT 1)", func(s Statement) bool { return s.Verb == Unknown && s.WithCTE }},
	{"DELETE FROM jobs WHERE id = (SELECT id FROM jobs LIMIT 1 FOR UPDATE NOWAIT) RETURNING *", func(s Statement) bool {
		return s.Lock == ForUpdate && s.NoWait && s.Returning && s.Table == "jobs"
	}},
	{"DELETE FROM ONLY public.t WHERE id = $1", func(s Statement) bool { return s.Table == "t" }},
	{"UPDATE LOW_PRIORITY IGNORE t1 JOIN t2 ON t1.id = t2.id SET t1.a = t2.b, t1.c = ? WHERE t2.x = ? ORDER BY t1.id LIMIT 5",
		func(s Statement) bool {
			return s.Table == "t1" && len(s.Set) == 2 && s.Set[0] == Assignment{Column: "a", Value: col} &&
				s.Set[1].Value == prm(0) && len(s.Where) == 1 && s.Where[0].Value == prm(1)
		}},
	{"UPDATE OR IGNORE t SET (a, b) = ($1, $2), (c, d) = (SELECT 1, 2) WHERE id = $3", func(s Statement) bool {
		return len(s.Set) == 4 && s.Set[1] == Assignment{Column: "b", Value: prm(1)} && s.Set[3].Value == unk
	}},
	{"UPDATE t SET data = data || $1::jsonb, tags = array_append(tags, $2), n = -n, s = 'n' WHERE id = $3", func(s Statement) bool {
		return s.Set[0].Atomic && s.Set[1].SelfRef && !s.Set[1].Atomic && s.Set[2].Atomic && !s.Set[3].SelfRef
	}},
	{"UPDATE t SET n = (SELECT max(n) FROM u) + 1 WHERE id = 1", func(s Statement) bool { return !s.Set[0].SelfRef }},
	{"UPDATE t SET updated_at = UTC_TIMESTAMP(), a = NOW(6), b = timezone('utc', now()), c = now() AT TIME ZONE 'UTC', d = strftime('%s','now'), e = unixepoch(), f = date(x)",
		func(s Statement) bool {
			for _, a := range s.Set[:6] {
				if a.Value != now {
					return false
				}
			}
			return s.Set[6].Value == unk
		}},
	{"UPDATE t SET a = DEFAULT, b = c, \"D\" = $1, e = -1.5e3", func(s Statement) bool {
		return s.Set[0].Value == unk && s.Set[1].Value == col && s.Set[2].Column == "d" && s.Set[3].Value == lit("-1.5e3")
	}},
	{"INSERT INTO t VALUES (1, 2)", func(s Statement) bool { return s.InsertColumns == nil && s.InsertValues == nil }},
	{"INSERT INTO t (a, b) VALUES (1)", func(s Statement) bool { return len(s.InsertColumns) == 2 && s.InsertValues == nil }},
	{"INSERT INTO t DEFAULT VALUES RETURNING id", func(s Statement) bool { return s.Returning && s.InsertColumns == nil }},
	{"INSERT INTO t (a) VALUES (1), (2) ON CONFLICT ON CONSTRAINT t_a_key DO UPDATE SET a = excluded.a", func(s Statement) bool {
		return s.Conflict == DoUpdate && s.InsertValues[0] == lit("1") && s.ConflictSet[0] == Assignment{Column: "a", Value: col}
	}},
	{"INSERT INTO t (a) SELECT $1 WHERE NOT EXISTS (SELECT 1 FROM t WHERE a = $1) ON CONFLICT DO NOTHING", func(s Statement) bool {
		return s.Conflict == DoNothing && s.InsertValues == nil && s.Where == nil
	}},
	{"INSERT OR REPLACE INTO t(a) VALUES(?)", func(s Statement) bool { return s.Conflict == DoUpdate }},
	{"UPSERT INTO t (a) VALUES (1)", func(s Statement) bool { return s.Verb == Insert && s.Conflict == DoUpdate }},
	{"SELECT 1; UPDATE t SET a = 1", func(s Statement) bool { return s.Verb == Unknown }},
	{"UPDATE t SET a = 1; UPDATE u SET b = ?", func(s Statement) bool { return s.Verb == Update && s.Params == 1 }},
	{"SELECT 1; SELECT 2", func(s Statement) bool { return s.Verb == Select }},
	{"(SELECT a FROM t WHERE x = 1) UNION (SELECT a FROM u)", func(s Statement) bool { return s.Verb == Select && s.Table == "t" }},
	{"SELECT a FROM t WHERE b IS DISTINCT FROM c", func(s Statement) bool { return s.Where[0] == pred("b", "!=", col) }},
	{"SELECT x IS DISTINCT FROM y FROM t", func(s Statement) bool { return s.Table == "t" }},
	{"SeLeCt A fRoM T wHeRe B = 1 fOr UpDaTe", func(s Statement) bool { return s.Table == "t" && s.Lock == ForUpdate }},
	{"\n\tSELECT\n\t\tid\n\tFROM emails\n\tWHERE\n\t\ttracking_id = $1;\n", func(s Statement) bool {
		return s.Table == "emails" && s.Where[0] == pred("tracking_id", "=", prm(0))
	}},
	{"SELECT * FROM users WHERE email = %s AND id = ?", func(s Statement) bool { return s.Params == 1 && s.Table == "users" }},
	{"SELECT * FROM t WHERE a = ((($1)))", func(s Statement) bool { return s.Where[0].Value == prm(0) }},
	{"SELECT * FROM t WHERE ((a = 1))", func(s Statement) bool { return s.Where[0] == pred("a", "=", lit("1")) }},
	{"SELECT * FROM t WHERE a = N'x' AND b = X'0F' AND c = 0x1F", func(s Statement) bool {
		return s.Where[0].Value == lit("x") && s.Where[1].Value == lit("0F") && s.Where[2].Value == lit("0x1F")
	}},
	{"VALUES (1)", func(s Statement) bool { return s.Verb == Other }},
	{"SELECT * FROM t WHERE a = 1 ORDER BY b FETCH FIRST 1 ROWS ONLY", func(s Statement) bool { return len(s.Where) == 1 }},
	{strings.Repeat("(", 5000) + "SELECT 1", func(s Statement) bool { return s.Verb == Select }},
	{"SELECT * FROM t WHERE " + strings.Repeat("(", 5000) + "a = 1" + strings.Repeat(")", 5000), func(s Statement) bool {
		return len(s.Where) == 1 && s.Where[0].Column == ""
	}},
	{"SELECT x" + strings.Repeat(" ", maxInput), func(s Statement) bool { return s.Verb == Unknown }},
	// Writer-serialising locks are found on tokens: a leading comment does
	// not hide one, a string or a try_ lock does not make one.
	{"-- name: LockJobs :exec\nLOCK TABLE jobs IN ACCESS EXCLUSIVE MODE", func(s Statement) bool { return s.LocksWriters }},
	{"/* x */ LOCK jobs IN EXCLUSIVE MODE", func(s Statement) bool { return s.LocksWriters }},
	{"LOCK TABLES jobs WRITE", func(s Statement) bool { return s.LocksWriters }},
	{"begin immediate", func(s Statement) bool { return s.LocksWriters }},
	{"-- name: Lock :exec\nSELECT pg_advisory_xact_lock($1)", func(s Statement) bool { return s.LocksWriters && s.Verb == Select }},
	{"SELECT GET_LOCK('k', 10)", func(s Statement) bool { return s.LocksWriters }},
	{"SELECT pg_try_advisory_xact_lock($1)", func(s Statement) bool { return !s.LocksWriters }},
	{"SELECT 'lock table' AS note, pg_advisory_lock FROM t", func(s Statement) bool { return !s.LocksWriters }},
	{"BEGIN", func(s Statement) bool { return !s.LocksWriters }},
	{"UPDATE t SET n = 1; LOCK TABLE t", func(s Statement) bool { return s.LocksWriters }},
	{"INSERT INTO u (a, b, n) VALUES ($1, $2, $3) ON CONFLICT (a, \"B\") DO UPDATE SET n = $3", func(s Statement) bool {
		return s.Conflict == DoUpdate && len(s.ConflictTarget) == 2 && s.ConflictTarget[0] == "a" && s.ConflictTarget[1] == "b"
	}},
	{"INSERT INTO u (a) VALUES ($1) ON CONFLICT ON CONSTRAINT u_a_key DO NOTHING", func(s Statement) bool {
		return s.Conflict == DoNothing && s.ConflictConstraint == "u_a_key" && s.ConflictTarget == nil
	}},
	{"INSERT INTO u (a) VALUES ($1) ON CONFLICT DO NOTHING", func(s Statement) bool {
		return s.Conflict == DoNothing && s.ConflictTarget == nil && s.ConflictConstraint == ""
	}},
}

func TestParseFields(t *testing.T) {
	for _, tc := range fieldTests {
		got := Parse(tc.sql)
		ok := func() (ok bool) {
			defer func() {
				if recover() != nil {
					ok = false // an index out of range in check means a missing field
				}
			}()
			return tc.check(got)
		}()
		if !ok {
			name := tc.sql
			if len(name) > 200 {
				name = name[:200] + "..."
			}
			t.Errorf("Parse(%q): unexpected %+v", name, got)
		}
	}
}

func TestParseCondition(t *testing.T) {
	tests := []struct {
		cond  string
		want  []Predicate
		hasOr bool
	}{
		{"id = ? AND opened_at IS NULL", []Predicate{pred("id", "=", prm(0)), pred("opened_at", "IS NULL", null)}, false},
		{"status IN ?", []Predicate{pred("status", "IN", prm(0))}, false},
		{"email = @email", []Predicate{pred("email", "=", named("email"))}, false},
		{"name = ? OR name = ?", []Predicate{pred("name", "=", prm(0)), pred("name", "=", prm(1))}, true},
		{"WHERE `users`.`age` > ?", []Predicate{pred("age", ">", prm(0))}, false},
		{"(a = ? OR b = ?) AND c = ?", []Predicate{pred("", "", unk), pred("c", "=", prm(2))}, false},
		{"", nil, false},
		{"deleted_at IS NULL; DROP TABLE x", []Predicate{pred("deleted_at", "IS NULL", null)}, false},
	}
	for _, tc := range tests {
		got, or := ParseCondition(tc.cond)
		if !reflect.DeepEqual(got, tc.want) || or != tc.hasOr {
			t.Errorf("ParseCondition(%q) = %+v, %v; want %+v, %v", tc.cond, got, or, tc.want, tc.hasOr)
		}
	}
}

func TestNormalize(t *testing.T) {
	tests := map[string]string{
		"Emails":                 "emails",
		"public.emails":          "emails",
		`e."OpenedAt"`:           "openedat",
		"`db`.`Users`":           "users",
		"[dbo].[My Table]":       "my table",
		`"a.b"`:                  "a.b",
		`"we""ird"`:              `we"ird`,
		"  x  ":                  "x",
		"":                       "",
		"a.":                     "",
		`"unterminated`:          "unterminated",
		"e.*":                    "*",
		`s."T".c`:                "c",
		`public."Emails" e`[:15]: "emails",
		"count(t.id)":            "count(t.id)",
		"exists(...)":            "exists(...)",
		"s.f(a.b)":               "f(a.b)",
	}
	for in, want := range tests {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestVerbString(t *testing.T) {
	for v, want := range map[Verb]string{
		Unknown: "unknown", Select: "SELECT", Insert: "INSERT", Update: "UPDATE", Delete: "DELETE", Other: "OTHER",
		Verb(42): "Verb(42)", Verb(-1): "Verb(-1)",
	} {
		if got := v.String(); got != want {
			t.Errorf("Verb(%d).String() = %q, want %q", int(v), got, want)
		}
	}
}

func operands(s Statement) []Operand {
	var out []Operand
	for _, p := range s.Where {
		out = append(out, p.Value)
	}
	for _, a := range s.Set {
		out = append(out, a.Value)
	}
	for _, a := range s.ConflictSet {
		out = append(out, a.Value)
	}
	return append(out, s.InsertValues...)
}

func FuzzParse(f *testing.F) {
	for _, tc := range parseTests {
		f.Add(tc.sql)
	}
	for _, tc := range fieldTests {
		if len(tc.sql) < 4096 {
			f.Add(tc.sql)
		}
	}
	f.Fuzz(func(t *testing.T, sql string) {
		s := Parse(sql)
		if s.Params < 0 {
			t.Fatalf("Params = %d", s.Params)
		}
		for _, o := range operands(s) {
			if o.Param < -1 || o.Param >= s.Params {
				t.Fatalf("operand %+v out of range for Params=%d", o, s.Params)
			}
			if o.Kind != OpParam && o.Param != -1 {
				t.Fatalf("non-parameter operand %+v has an index", o)
			}
		}
		if again := Parse(sql); !reflect.DeepEqual(s, again) {
			t.Fatalf("not deterministic:\n%+v\n%+v", s, again)
		}
		preds, _ := ParseCondition(sql)
		for _, p := range preds {
			if p.Value.Param < -1 || p.Value.Param > maxParamIndex {
				t.Fatalf("condition operand %+v out of range", p.Value)
			}
		}
		_ = Normalize(sql)
	})
}

func BenchmarkParse(b *testing.B) {
	const q = `UPDATE "public"."emails" SET opened_at = now(), open_count = open_count + 1,
		last_ip = $1, user_agent = $2 WHERE tracking_id = $3 AND opened_at IS NULL
		AND status IN ('sent', 'delivered') AND deleted_at IS NULL RETURNING id, opened_at`
	b.SetBytes(int64(len(q)))
	b.ReportAllocs()
	for b.Loop() {
		Parse(q)
	}
}

// FuzzTokens checks the byte ranges the fixer edits at: each token's text
// is the source between its Start and End, and tokens are in order and do
// not overlap.
func FuzzTokens(f *testing.F) {
	for _, tc := range parseTests {
		f.Add(tc.sql)
	}
	f.Add("UPDATE t SET a = $1 WHERE id = ?2 AND b <> E'x\\'y' -- c\n AND [c] = :name")
	f.Fuzz(func(t *testing.T, sql string) {
		end := 0
		for _, tok := range Tokens(sql) {
			if tok.Start < end || tok.End <= tok.Start || tok.End > len(sql) || sql[tok.Start:tok.End] != tok.Text {
				t.Fatalf("token %+v (previous ended at %d) in %q", tok, end, sql)
			}
			end = tok.End
		}
	})
}
