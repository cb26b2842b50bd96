package sqltext

import "strings"

// maxDepth bounds recursion into nested groups and subqueries. Each level
// works on a strictly smaller token range, so the total work stays within
// maxDepth passes over the input even for adversarial nesting.
const maxDepth = 48

// parser works on the tokens of one statement. All scanning is over
// half-open ranges [lo, hi) and steps over parenthesised groups in O(1)
// using match, which is how "top level" is defined everywhere.
type parser struct {
	t        []token
	match    []int // for '(' at i: index of its ')' or len(t) when unclosed
	depth    int
	rowAlias string // MySQL "INSERT ... VALUES (...) AS new": new.x is the inserted row

	// target and targetAlias name the written table; a column qualified by
	// anything else (UPDATE ... FROM other, MERGE ... USING src) is not the
	// current row's value.
	target, targetAlias string
}

func newParser(t []token) *parser {
	m := make([]int, len(t))
	var stack []int
	for i := range t {
		m[i] = i
		if t[i].kind != tPunct {
			continue
		}
		switch t[i].text {
		case "(":
			stack = append(stack, i)
		case ")":
			if len(stack) > 0 {
				m[stack[len(stack)-1]] = i
				stack = stack[:len(stack)-1]
			}
		}
	}
	for _, o := range stack {
		m[o] = len(t)
	}
	return &parser{t: t, match: m}
}

// ---- token predicates; all are safe for any i ----

func (p *parser) kw(i, hi int, k string) bool {
	return i >= 0 && i < hi && i < len(p.t) && p.t[i].kind == tWord && strings.EqualFold(p.t[i].text, k)
}

func (p *parser) punct(i, hi int, c string) bool {
	return i >= 0 && i < hi && i < len(p.t) && p.t[i].kind == tPunct && p.t[i].text == c
}

func (p *parser) isOp(i, hi int, o string) bool {
	return i >= 0 && i < hi && i < len(p.t) && p.t[i].kind == tOp && p.t[i].text == o
}

func (p *parser) isName(i, hi int) bool {
	if i < 0 || i >= hi || i >= len(p.t) {
		return false
	}
	t := p.t[i]
	return t.kind == tQuoted || t.kind == tWord && !nonColumnWord(t.text)
}

// next steps over token i, jumping over a whole group when i opens one.
func (p *parser) next(i, hi int) int {
	j := i + 1
	if p.punct(i, hi, "(") {
		j = p.match[i] + 1
	}
	if j > hi {
		j = hi
	}
	return j
}

// groupEnd is the index of the ')' closing the '(' at i, or hi.
func (p *parser) groupEnd(i, hi int) int {
	if e := p.match[i]; e < hi {
		return e
	}
	return hi
}

// find returns the first top-level index in [lo, hi) where f holds, or -1.
func (p *parser) find(lo, hi int, f func(int) bool) int {
	for i := max(lo, 0); i < hi; i = p.next(i, hi) {
		if f(i) {
			return i
		}
	}
	return -1
}

// endOf is find with hi instead of -1, for clause ends.
func (p *parser) endOf(lo, hi int, f func(int) bool) int {
	if i := p.find(lo, hi, f); i >= 0 {
		return i
	}
	return hi
}

func (p *parser) anyKw(hi int, ks ...string) func(int) bool {
	return func(i int) bool {
		for _, k := range ks {
			if p.kw(i, hi, k) {
				return true
			}
		}
		return false
	}
}

func (p *parser) isSubquery(i, hi int) bool {
	return p.punct(i, hi, "(") && (p.kw(i+1, hi, "SELECT") || p.kw(i+1, hi, "WITH") || p.kw(i+1, hi, "VALUES"))
}

// isFrom skips the FROM of "IS [NOT] DISTINCT FROM", which can sit at top
// level in a select list or a SET value.
func (p *parser) isFrom(i, hi int) bool {
	return p.kw(i, hi, "FROM") && !p.kw(i-1, hi, "DISTINCT")
}

// splitTop splits [lo, hi) at top-level commas.
func (p *parser) splitTop(lo, hi int) [][2]int {
	var out [][2]int
	start := lo
	for i := lo; i < hi; i = p.next(i, hi) {
		if p.punct(i, hi, ",") {
			out = append(out, [2]int{start, i})
			start = i + 1
		}
	}
	return append(out, [2]int{start, hi})
}

// ---- statement level ----

var otherVerbs = map[string]bool{
	"CREATE": true, "ALTER": true, "DROP": true, "TRUNCATE": true, "SET": true, "BEGIN": true,
	"START": true, "COMMIT": true, "ROLLBACK": true, "SAVEPOINT": true, "RELEASE": true, "CALL": true,
	"EXEC": true, "EXECUTE": true, "GRANT": true, "REVOKE": true, "LOCK": true, "UNLOCK": true,
	"SHOW": true, "EXPLAIN": true, "ANALYZE": true, "ANALYSE": true, "VACUUM": true, "PRAGMA": true,
	"COPY": true, "LISTEN": true, "NOTIFY": true, "UNLISTEN": true, "DECLARE": true, "FETCH": true,
	"CLOSE": true, "DO": true, "COMMENT": true, "REINDEX": true, "CLUSTER": true, "REFRESH": true,
	"PREPARE": true, "DEALLOCATE": true, "USE": true, "RESET": true, "DISCARD": true, "ATTACH": true,
	"DETACH": true, "DESCRIBE": true, "DESC": true, "END": true, "ABORT": true, "LOAD": true,
	"OPTIMIZE": true, "REPAIR": true, "RENAME": true, "CHECKPOINT": true, "IMPORT": true,
	"REASSIGN": true, "SECURITY": true, "VALUES": true, "TABLE": true, "HANDLER": true, "FLUSH": true,
	"KILL": true, "CHECKSUM": true, "CHECK": true, "INSTALL": true, "UNINSTALL": true, "XA": true,
}

// mainVerb skips leading parentheses and a WITH clause and returns the verb
// of the main statement and the index of its keyword.
func (p *parser) mainVerb(lo, hi int) (Verb, int) {
	i := lo
	for p.punct(i, hi, "(") {
		i++
	}
	if p.kw(i, hi, "WITH") {
		i++
		if p.kw(i, hi, "RECURSIVE") {
			i++
		}
		for i < hi {
			if !p.isName(i, hi) && !(i < hi && p.t[i].kind == tWord) {
				return Unknown, i
			}
			i++
			if p.punct(i, hi, "(") {
				i = p.next(i, hi)
			}
			if !p.kw(i, hi, "AS") {
				return Unknown, i
			}
			i++
			if p.kw(i, hi, "NOT") {
				i++
			}
			if p.kw(i, hi, "MATERIALIZED") {
				i++
			}
			if !p.punct(i, hi, "(") {
				return Unknown, i
			}
			i = p.next(i, hi)
			// SEARCH / CYCLE clauses run up to the next CTE or the main verb.
			for i < hi && !p.punct(i, hi, ",") && verbOf(p.t[i]) == Unknown {
				i = p.next(i, hi)
			}
			if p.punct(i, hi, ",") {
				i++
				continue
			}
			break
		}
		if i >= hi {
			return Unknown, i
		}
		v := verbOf(p.t[i])
		if v == Other {
			v = Unknown
		}
		return v, i
	}
	if i >= hi {
		return Unknown, i
	}
	return verbOf(p.t[i]), i
}

func verbOf(t token) Verb {
	if t.kind != tWord {
		return Unknown
	}
	switch strings.ToUpper(t.text) {
	case "SELECT":
		return Select
	case "INSERT", "REPLACE", "UPSERT", "MERGE":
		return Insert
	case "UPDATE":
		return Update
	case "DELETE":
		return Delete
	}
	if len(t.text) <= 12 && otherVerbs[strings.ToUpper(t.text)] {
		return Other
	}
	return Unknown
}

func (p *parser) statement(st *Statement) {
	hi := len(p.t)
	v, s := p.mainVerb(0, hi)
	st.Verb = v
	st.WithCTE = p.kw(0, hi, "WITH")
	switch v {
	case Select:
		p.selectStmt(st, s, hi)
	case Insert:
		p.insertStmt(st, s, hi)
	case Update:
		p.updateStmt(st, s, hi)
		// The queue idiom locks in a subquery or CTE of the UPDATE.
		p.locks(st, 0, hi, true)
	case Delete:
		p.deleteStmt(st, s, hi)
		p.locks(st, 0, hi, true)
	}
}

var selectModifiers = map[string]bool{
	"ALL": true, "DISTINCT": true, "DISTINCTROW": true, "HIGH_PRIORITY": true, "STRAIGHT_JOIN": true,
	"SQL_SMALL_RESULT": true, "SQL_BIG_RESULT": true, "SQL_BUFFER_RESULT": true, "SQL_NO_CACHE": true,
	"SQL_CACHE": true, "SQL_CALC_FOUND_ROWS": true,
}

func (p *parser) selectStmt(st *Statement, s, hi int) {
	i := s + 1
	for i < hi && p.t[i].kind == tWord {
		u := strings.ToUpper(p.t[i].text)
		switch {
		case u == "DISTINCT" && p.kw(i+1, hi, "ON") && p.punct(i+2, hi, "("):
			i = p.next(i+2, hi)
			continue
		case u == "TOP":
			i = p.next(i+1, hi)
			continue
		case len(u) <= 20 && selectModifiers[u]:
			i++
			continue
		}
		break
	}
	// UNION and friends start another SELECT whose FROM and WHERE are not ours.
	setEnd := p.endOf(i, hi, p.anyKw(hi, "UNION", "INTERSECT", "EXCEPT", "MINUS"))
	colEnd := p.endOf(i, setEnd, func(k int) bool { return p.selectListEnd(k, setEnd) })
	items := p.splitTop(i, colEnd)
	if !(len(items) == 1 && items[0][0] == items[0][1]) {
		for _, it := range items {
			if c := p.selectColumn(it[0], it[1]); c != "" {
				st.Columns = append(st.Columns, c)
			}
		}
	}
	from := p.find(colEnd, setEnd, func(k int) bool { return p.isFrom(k, setEnd) })
	if from >= 0 {
		st.Table, _ = p.tableRef(from+1, setEnd)
	} else if len(items) == 1 && p.depth < maxDepth {
		// SELECT EXISTS(SELECT 1 FROM t WHERE ...), SELECT (SELECT count(*) ...):
		// the subquery is the real read.
		for k := items[0][0]; k < items[0][1]; k++ {
			if p.punct(k, items[0][1], "(") && p.kw(k+1, items[0][1], "SELECT") {
				var sub Statement
				p.depth++
				p.selectStmt(&sub, k+1, p.groupEnd(k, items[0][1]))
				p.depth--
				st.Table, st.Where, st.WhereOr = sub.Table, sub.Where, sub.WhereOr
				st.Lock, st.SkipLocked, st.NoWait = sub.Lock, sub.SkipLocked, sub.NoWait
				break
			}
		}
	}
	wlo := colEnd
	if from >= 0 {
		wlo = from
	}
	if w := p.find(wlo, setEnd, p.anyKw(setEnd, "WHERE")); w >= 0 {
		end := p.endOf(w+1, setEnd, func(k int) bool { return p.whereEnd(k, setEnd) })
		st.Where, st.WhereOr = p.conds(w+1, end)
	}
	p.locks(st, s, hi, false)
}

func (p *parser) selectListEnd(i, hi int) bool {
	if p.isFrom(i, hi) {
		return true
	}
	return p.whereEnd(i, hi) || p.kw(i, hi, "INTO") || p.kw(i, hi, "WHERE")
}

// whereEnd reports a keyword that ends a WHERE clause. LOCK and FOR only
// count when a locking clause follows, since "lock" is a plausible column.
func (p *parser) whereEnd(i, hi int) bool {
	if i >= hi || p.t[i].kind != tWord {
		return false
	}
	switch strings.ToUpper(p.t[i].text) {
	case "GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET", "UNION", "INTERSECT", "EXCEPT", "MINUS",
		"WINDOW", "RETURNING", "QUALIFY":
		return true
	case "FETCH":
		return p.kw(i+1, hi, "FIRST") || p.kw(i+1, hi, "NEXT")
	case "FOR":
		return p.lockAt(i, hi) != NoLock
	case "LOCK":
		return p.kw(i+1, hi, "IN")
	}
	return false
}

// selectColumn names one select-list item: the source column for a plain
// reference, otherwise the expression text.
func (p *parser) selectColumn(lo, hi int) string {
	if lo >= hi {
		return ""
	}
	if hi-lo >= 3 && p.kw(hi-2, hi, "AS") {
		hi -= 2
	} else if hi-lo >= 2 && p.aliasTok(hi-1) && p.aliasFollows(hi-2) {
		hi--
	}
	if c, ok := p.colRef(lo, hi); ok {
		return c
	}
	return p.exprText(lo, hi)
}

func (p *parser) aliasTok(i int) bool {
	t := p.t[i]
	return t.kind == tQuoted || t.kind == tWord && !reserved(t.text) && !nonColumnWord(t.text)
}

// aliasFollows reports whether an implicit alias may follow token i: after
// an operand, not after an operator or a keyword that wants an argument.
func (p *parser) aliasFollows(i int) bool {
	t := p.t[i]
	switch t.kind {
	case tQuoted, tString, tNumber, tParam:
		return true
	case tPunct:
		return t.text == ")" || t.text == "]"
	case tWord:
		switch strings.ToUpper(t.text) {
		case "NOT", "AND", "OR", "IS", "CASE", "WHEN", "THEN", "ELSE", "IN", "LIKE", "ILIKE", "BETWEEN",
			"AS", "DISTINCT", "ALL", "SELECT", "ON", "INTERVAL", "DATE", "TIME", "TIMESTAMP", "COLLATE",
			"ESCAPE", "BY", "FROM", "EXISTS", "ANY", "SOME", "TOP", "AT", "ZONE":
			return false
		}
		return true
	}
	return false
}

// colRef recognises name(.name)* and name.* and returns the normalized last
// part ("*" for a star).
func (p *parser) colRef(lo, hi int) (string, bool) {
	if lo >= hi {
		return "", false
	}
	if hi-lo == 1 && p.isOp(lo, hi, "*") {
		return "*", true
	}
	i := lo
	for {
		if !p.isName(i, hi) {
			return "", false
		}
		if i+1 == hi {
			return Normalize(p.t[i].text), true
		}
		if !p.punct(i+1, hi, ".") {
			return "", false
		}
		if i+3 == hi && p.isOp(i+2, hi, "*") {
			return "*", true
		}
		i += 2
		if i >= hi {
			return "", false
		}
	}
}

// exprText renders an expression compactly: lower-cased keywords and
// names, no spaces except between two words, subqueries as "(...)".
func (p *parser) exprText(lo, hi int) string {
	var b strings.Builder
	prevWord := false
	for i := lo; i < hi; i++ {
		t := p.t[i]
		if p.isSubquery(i, hi) {
			b.WriteString("(...)")
			i = p.groupEnd(i, hi)
			prevWord = false
			continue
		}
		word := t.kind == tWord || t.kind == tQuoted || t.kind == tNumber
		if word && prevWord {
			b.WriteByte(' ')
		}
		switch t.kind {
		case tWord:
			b.WriteString(lower(t.text))
		case tQuoted:
			b.WriteString(Normalize(t.text))
		default:
			b.WriteString(t.text)
		}
		prevWord = word
	}
	return b.String()
}

// tableName reads name(.name)* at i and returns the normalized last part.
func (p *parser) tableName(i, hi int) (string, int) {
	if !p.isName(i, hi) {
		return "", i
	}
	last := i
	j := i + 1
	for p.punct(j, hi, ".") && p.isName(j+1, hi) {
		last = j + 1
		j += 2
	}
	return Normalize(p.t[last].text), j
}

// tableRef reads a FROM item; a derived table or a table function has no
// name we can use.
func (p *parser) tableRef(i, hi int) (string, int) {
	for p.kw(i, hi, "ONLY") || p.kw(i, hi, "LATERAL") {
		i++
	}
	if p.punct(i, hi, "(") {
		return "", p.next(i, hi)
	}
	name, j := p.tableName(i, hi)
	if name == "" {
		return "", j
	}
	if p.punct(j, hi, "(") {
		return "", p.next(j, hi)
	}
	return name, j
}

// alias reads an optional "[AS] alias" at i.
func (p *parser) alias(i, hi int) (string, int) {
	if p.kw(i, hi, "AS") {
		if p.isName(i+1, hi) {
			return Normalize(p.t[i+1].text), i + 2
		}
		return "", i + 1
	}
	if p.isName(i, hi) && !(p.t[i].kind == tWord && reserved(p.t[i].text)) {
		return Normalize(p.t[i].text), i + 1
	}
	return "", i
}

// ---- locking ----

// lockAt reads the strength of a "FOR ..." locking clause at i.
func (p *parser) lockAt(i, hi int) Lock {
	l, _ := p.lockClause(i, hi)
	return l
}

func (p *parser) lockClause(i, hi int) (Lock, int) {
	if !p.kw(i, hi, "FOR") {
		return NoLock, i
	}
	switch k := i + 1; {
	case p.kw(k, hi, "UPDATE"):
		return ForUpdate, k + 1
	case p.kw(k, hi, "NO") && p.kw(k+1, hi, "KEY") && p.kw(k+2, hi, "UPDATE"):
		return ForNoKeyUpdate, k + 3
	case p.kw(k, hi, "SHARE"):
		return ForShare, k + 1
	case p.kw(k, hi, "KEY") && p.kw(k+1, hi, "SHARE"):
		return ForShare, k + 2
	}
	return NoLock, i
}

var lockRank = [...]int{NoLock: 0, ForShare: 1, ForNoKeyUpdate: 2, ForUpdate: 3}

// locks records the strongest locking clause in [lo, hi), at top level or,
// with deep, inside groups too.
func (p *parser) locks(st *Statement, lo, hi int, deep bool) {
	for i := lo; i < hi; {
		l, k := p.lockClause(i, hi)
		if l == NoLock && p.kw(i, hi, "LOCK") && p.kw(i+1, hi, "IN") && p.kw(i+2, hi, "SHARE") && p.kw(i+3, hi, "MODE") {
			l, k = ForShare, i+4
		}
		if l == NoLock {
			if deep {
				i++
			} else {
				i = p.next(i, hi)
			}
			continue
		}
		if lockRank[l] > lockRank[st.Lock] {
			st.Lock = l
		}
	opts:
		for k < hi {
			switch {
			case p.kw(k, hi, "NOWAIT"):
				st.NoWait = true
				k++
			case p.kw(k, hi, "SKIP") && p.kw(k+1, hi, "LOCKED"):
				st.SkipLocked = true
				k += 2
			case p.kw(k, hi, "WAIT"):
				k += 2
			case p.kw(k, hi, "OF"):
				k++
				for k < hi && (p.isName(k, hi) || p.punct(k, hi, ".") || p.punct(k, hi, ",")) &&
					!p.kw(k, hi, "NOWAIT") && !p.kw(k, hi, "SKIP") && !p.kw(k, hi, "WAIT") {
					k++
				}
			default:
				break opts
			}
		}
		i = k
	}
}

// ---- UPDATE / DELETE / INSERT ----

func (p *parser) updateStmt(st *Statement, s, hi int) {
	i := s + 1
	for {
		switch {
		case p.kw(i, hi, "LOW_PRIORITY") || p.kw(i, hi, "IGNORE") || p.kw(i, hi, "ONLY"):
			i++
			continue
		case p.kw(i, hi, "OR") && i+1 < hi:
			i += 2
			continue
		}
		break
	}
	st.Table, i = p.tableRef(i, hi)
	p.target = st.Table
	p.targetAlias, i = p.alias(i, hi)
	set := p.find(i, hi, p.anyKw(hi, "SET"))
	if set < 0 {
		return
	}
	end := p.endOf(set+1, hi, func(k int) bool {
		return p.isFrom(k, hi) || p.kw(k, hi, "WHERE") || p.kw(k, hi, "RETURNING") ||
			p.kw(k, hi, "ORDER") || p.kw(k, hi, "LIMIT")
	})
	st.Set = p.assignments(set+1, end)
	p.whereAndReturning(st, end, hi)
}

func (p *parser) whereAndReturning(st *Statement, lo, hi int) {
	if w := p.find(lo, hi, p.anyKw(hi, "WHERE")); w >= 0 {
		end := p.endOf(w+1, hi, func(k int) bool { return p.whereEnd(k, hi) })
		st.Where, st.WhereOr = p.conds(w+1, end)
	}
	st.Returning = p.find(lo, hi, p.anyKw(hi, "RETURNING")) >= 0
}

func (p *parser) deleteStmt(st *Statement, s, hi int) {
	i := s + 1
	for p.kw(i, hi, "LOW_PRIORITY") || p.kw(i, hi, "QUICK") || p.kw(i, hi, "IGNORE") {
		i++
	}
	if p.kw(i, hi, "FROM") {
		st.Table, i = p.tableRef(i+1, hi)
		p.whereAndReturning(st, i, hi)
		return
	}
	// MySQL multi-table form: DELETE e FROM emails e JOIN ... names the
	// target by table or alias before FROM.
	target, _ := p.tableName(i, hi)
	from := p.find(i, hi, func(k int) bool { return p.isFrom(k, hi) })
	if from < 0 {
		st.Table = target
		p.whereAndReturning(st, i, hi)
		return
	}
	st.Table = target
	fromEnd := p.endOf(from+1, hi, p.anyKw(hi, "WHERE", "ORDER", "LIMIT", "RETURNING"))
	for k := from + 1; k < fromEnd; k = p.next(k, fromEnd) {
		if k != from+1 && !p.punct(k-1, fromEnd, ",") && !p.kw(k-1, fromEnd, "JOIN") {
			continue
		}
		name, nx := p.tableRef(k, fromEnd)
		al, _ := p.alias(nx, fromEnd)
		if name != "" && (name == target || al == target) {
			st.Table = name
			break
		}
	}
	p.whereAndReturning(st, fromEnd, hi)
}

func (p *parser) insertStmt(st *Statement, s, hi int) {
	i := s + 1
	switch strings.ToUpper(p.t[s].text) {
	case "REPLACE", "UPSERT":
		st.Conflict = DoUpdate
	case "MERGE":
		p.mergeStmt(st, s, hi)
		return
	}
	for {
		switch {
		case p.kw(i, hi, "LOW_PRIORITY") || p.kw(i, hi, "DELAYED") || p.kw(i, hi, "HIGH_PRIORITY"):
			i++
			continue
		case p.kw(i, hi, "IGNORE"):
			raiseConflict(st, DoNothing)
			i++
			continue
		case p.kw(i, hi, "OR"):
			if p.kw(i+1, hi, "IGNORE") {
				raiseConflict(st, DoNothing)
			} else if p.kw(i+1, hi, "REPLACE") {
				raiseConflict(st, DoUpdate)
			}
			i += 2
			continue
		}
		break
	}
	if p.kw(i, hi, "INTO") {
		i++
	}
	st.Table, i = p.tableName(i, hi)
	p.target = st.Table
	if p.kw(i, hi, "AS") {
		p.targetAlias, i = p.alias(i, hi)
	}
	var cols []string
	if p.punct(i, hi, "(") && !p.isSubquery(i, hi) {
		for _, it := range p.splitTop(i+1, p.groupEnd(i, hi)) {
			c, _ := p.colRef(it[0], it[1])
			cols = append(cols, c)
		}
		i = p.next(i, hi)
	}
	body := i
	st.InsertColumns = cols
	switch {
	case p.kw(i, hi, "VALUES") || p.kw(i, hi, "VALUE"):
		if p.punct(i+1, hi, "(") {
			var vals []Operand
			for _, it := range p.splitTop(i+2, p.groupEnd(i+1, hi)) {
				vals = append(vals, p.operand(it[0], it[1]))
			}
			if cols != nil && len(vals) == len(cols) {
				st.InsertValues = vals
			}
			k := p.next(i+1, hi)
			for p.punct(k, hi, ",") && p.punct(k+1, hi, "(") {
				k = p.next(k+1, hi)
			}
			if p.kw(k, hi, "AS") && p.isName(k+1, hi) {
				p.rowAlias = Normalize(p.t[k+1].text)
			}
			body = k
		}
	case p.kw(i, hi, "SET"):
		// MySQL INSERT ... SET a = 1, b = 2 is a column list in disguise.
		st.InsertColumns = nil
		end := p.endOf(i+1, hi, p.anyKw(hi, "ON", "RETURNING"))
		for _, a := range p.assignments(i+1, end) {
			st.InsertColumns = append(st.InsertColumns, a.Column)
			st.InsertValues = append(st.InsertValues, a.Value)
		}
		body = end
	}
	on := p.find(body, hi, func(k int) bool {
		return p.kw(k, hi, "ON") && (p.kw(k+1, hi, "CONFLICT") || p.kw(k+1, hi, "DUPLICATE"))
	})
	if on >= 0 && p.kw(on+1, hi, "CONFLICT") {
		switch {
		case p.punct(on+2, hi, "("):
			for _, it := range p.splitTop(on+3, p.groupEnd(on+2, hi)) {
				c, _ := p.colRef(it[0], it[1])
				st.ConflictTarget = append(st.ConflictTarget, c)
			}
		case p.kw(on+2, hi, "ON") && p.kw(on+3, hi, "CONSTRAINT") && p.isName(on+4, hi):
			st.ConflictConstraint = Normalize(p.t[on+4].text)
		}
		if do := p.find(on+2, hi, p.anyKw(hi, "DO")); do >= 0 {
			switch {
			case p.kw(do+1, hi, "NOTHING"):
				raiseConflict(st, DoNothing)
			case p.kw(do+1, hi, "UPDATE"):
				raiseConflict(st, DoUpdate)
				if p.kw(do+2, hi, "SET") {
					end := p.endOf(do+3, hi, p.anyKw(hi, "WHERE", "RETURNING"))
					st.ConflictSet = p.assignments(do+3, end)
				}
			}
		}
	} else if on >= 0 {
		raiseConflict(st, DoUpdate)
		k := on + 2
		if p.kw(k, hi, "KEY") {
			k++
		}
		if p.kw(k, hi, "UPDATE") {
			k++
		}
		st.ConflictSet = p.assignments(k, p.endOf(k, hi, p.anyKw(hi, "RETURNING")))
	}
	st.Returning = p.find(body, hi, p.anyKw(hi, "RETURNING")) >= 0
}

func raiseConflict(st *Statement, c Conflict) {
	if c > st.Conflict {
		st.Conflict = c
	}
}

// mergeStmt reads MERGE INTO target ... WHEN MATCHED THEN UPDATE SET ...
// WHEN NOT MATCHED THEN INSERT (cols) VALUES (...), an upsert in one
// statement.
func (p *parser) mergeStmt(st *Statement, s, hi int) {
	st.Conflict = DoUpdate
	i := s + 1
	if p.kw(i, hi, "INTO") {
		i++
	}
	st.Table, i = p.tableName(i, hi)
	p.target = st.Table
	p.targetAlias, i = p.alias(i, hi)
	for k := i; k < hi; k = p.next(k, hi) {
		if !p.kw(k, hi, "THEN") {
			continue
		}
		whenEnd := p.endOf(k+1, hi, p.anyKw(hi, "WHEN"))
		switch {
		case p.kw(k+1, hi, "UPDATE") && p.kw(k+2, hi, "SET"):
			st.ConflictSet = append(st.ConflictSet, p.assignments(k+3, whenEnd)...)
		case p.kw(k+1, hi, "INSERT") && p.punct(k+2, hi, "(") && st.InsertColumns == nil:
			var cols []string
			for _, it := range p.splitTop(k+3, p.groupEnd(k+2, hi)) {
				c, _ := p.colRef(it[0], it[1])
				cols = append(cols, c)
			}
			st.InsertColumns = cols
			v := p.next(k+2, hi)
			if p.kw(v, hi, "VALUES") && p.punct(v+1, hi, "(") {
				var vals []Operand
				for _, it := range p.splitTop(v+2, p.groupEnd(v+1, hi)) {
					vals = append(vals, p.operand(it[0], it[1]))
				}
				if len(vals) == len(cols) {
					st.InsertValues = vals
				}
			}
		}
	}
}

// ---- assignments ----

func (p *parser) assignments(lo, hi int) []Assignment {
	if lo >= hi {
		return nil
	}
	var out []Assignment
	for _, it := range p.splitTop(lo, hi) {
		a, b := it[0], it[1]
		if a >= b {
			continue
		}
		eq := p.find(a, b, func(k int) bool { return p.isOp(k, b, "=") || p.isOp(k, b, ":=") })
		if eq < 0 {
			c, _ := p.colRef(a, b)
			out = append(out, Assignment{Column: c, Value: unknownOperand()})
			continue
		}
		// PostgreSQL row form: SET (a, b) = ($1, $2) or = (SELECT ...).
		if p.punct(a, b, "(") && p.groupEnd(a, b) == eq-1 {
			lefts := p.splitTop(a+1, eq-1)
			var rights [][2]int
			if p.punct(eq+1, b, "(") && p.groupEnd(eq+1, b) == b-1 && !p.isSubquery(eq+1, b) {
				rights = p.splitTop(eq+2, b-1)
			}
			for k, l := range lefts {
				c, _ := p.colRef(l[0], l[1])
				as := Assignment{Column: c, Value: unknownOperand()}
				if len(rights) == len(lefts) {
					as.Value = p.operand(rights[k][0], rights[k][1])
				}
				p.selfRef(&as, eq+1, b)
				out = append(out, as)
			}
			continue
		}
		c, _ := p.colRef(a, eq)
		as := Assignment{Column: c, Value: p.operand(eq+1, b)}
		if as.Value.Kind == OpUnknown {
			if v, ok := p.unlessNull(eq+1, b, c); ok {
				as.Value = v // SET name = COALESCE($1, name): $1 when it is given
			}
		}
		p.selfRef(&as, eq+1, b)
		out = append(out, as)
	}
	return out
}

// unlessNull returns the parameter of a partial update's value in
// [lo, hi): COALESCE($1, col) (and IFNULL, ISNULL, NVL) writes $1 to col
// unless $1 is NULL, the form sqlc's sqlc.narg() optional updates take.
func (p *parser) unlessNull(lo, hi int, col string) (Operand, bool) {
	lo, hi = p.stripWrappers(lo, hi)
	if hi-lo < 4 || p.t[lo].kind != tWord || !p.punct(lo+1, hi, "(") || p.groupEnd(lo+1, hi) != hi-1 {
		return Operand{}, false
	}
	switch lower(p.t[lo].text) {
	case "coalesce", "ifnull", "isnull", "nvl":
	default:
		return Operand{}, false
	}
	args := p.splitTop(lo+2, hi-1)
	if len(args) != 2 {
		return Operand{}, false
	}
	if c, ok := p.colRef(args[1][0], args[1][1]); !ok || c != col {
		return Operand{}, false
	}
	if v := p.operand(args[0][0], args[0][1]); v.Kind == OpParam {
		return v, true
	}
	return Operand{}, false
}

// selfRef decides whether the value in [lo, hi) reads the assigned column
// of the current row. EXCLUDED.x, VALUES(x) and the MySQL row alias name the
// proposed row instead, and subqueries read other rows.
func (p *parser) selfRef(a *Assignment, lo, hi int) {
	if a.Column == "" || a.Column == "*" {
		return
	}
	arith := false
	for i := lo; i < hi; i++ {
		t := p.t[i]
		switch t.kind {
		case tPunct:
			if p.isSubquery(i, hi) {
				i = p.groupEnd(i, hi)
			}
			continue
		case tOp:
			switch t.text {
			case "+", "-", "*", "/", "%", "||":
				arith = true
			}
			continue
		case tWord:
			if p.kw(i, hi, "VALUES") && p.punct(i+1, hi, "(") {
				i = p.groupEnd(i+1, hi)
				continue
			}
			if nonColumnWord(t.text) {
				continue
			}
		case tQuoted:
		default:
			continue
		}
		if p.punct(i+1, hi, "(") || p.punct(i+1, hi, ".") {
			continue
		}
		if p.punct(i-1, hi, ".") && i-2 >= lo {
			q := Normalize(p.t[i-2].text)
			if q == "excluded" || q == p.rowAlias && q != "" {
				continue
			}
			if p.target != "" && q != p.target && q != p.targetAlias {
				continue
			}
		}
		if Normalize(t.text) == a.Column {
			a.SelfRef = true
		}
	}
	a.Atomic = a.SelfRef && arith
}

// ---- conditions ----

// conds splits a condition at top-level AND/OR. The AND of
// BETWEEN x AND y and any AND/OR inside CASE ... END do not split.
func (p *parser) conds(lo, hi int) (preds []Predicate, hasOr bool) {
	start := lo
	between := false
	caseDepth := 0
	for i := lo; i < hi; i = p.next(i, hi) {
		switch {
		case p.kw(i, hi, "CASE"):
			caseDepth++
		case p.kw(i, hi, "END") && caseDepth > 0:
			caseDepth--
		case caseDepth > 0:
		case p.kw(i, hi, "BETWEEN"):
			between = true
		case p.kw(i, hi, "AND"):
			if between {
				between = false
				continue
			}
			preds = p.addPred(preds, start, i)
			start = i + 1
		case p.kw(i, hi, "OR"):
			hasOr = true
			preds = p.addPred(preds, start, i)
			start = i + 1
		}
	}
	return p.addPred(preds, start, hi), hasOr
}

func (p *parser) addPred(preds []Predicate, lo, hi int) []Predicate {
	if lo >= hi {
		return preds
	}
	opaque := Predicate{Value: unknownOperand()}
	if p.punct(lo, hi, "(") && p.groupEnd(lo, hi) == hi-1 {
		if p.isSubquery(lo, hi) || p.depth >= maxDepth {
			return append(preds, opaque)
		}
		p.depth++
		sub, or := p.conds(lo+1, hi-1)
		p.depth--
		if or {
			return append(preds, opaque)
		}
		return append(preds, sub...)
	}
	if p.kw(lo, hi, "NOT") || p.kw(lo, hi, "EXISTS") {
		return append(preds, opaque)
	}
	return append(preds, p.predicate(lo, hi))
}

var cmpOps = map[string]string{
	"=": "=", "==": "=", "<=>": "=", "!=": "!=", "<>": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">=",
}

func (p *parser) predicate(lo, hi int) Predicate {
	for i := lo; i < hi; i = p.next(i, hi) {
		t := p.t[i]
		if t.kind == tOp {
			if op, ok := cmpOps[t.text]; ok {
				return p.comparison(lo, i, i+1, hi, op)
			}
			continue
		}
		if t.kind != tWord || i == lo {
			continue
		}
		u, _ := upperShort(t.text)
		switch u {
		case "IS", "IN", "LIKE", "ILIKE", "BETWEEN", "REGEXP", "RLIKE", "GLOB", "SIMILAR", "MATCH":
		case "NOT":
			if !p.kw(i+1, hi, "IN") && !p.kw(i+1, hi, "LIKE") && !p.kw(i+1, hi, "ILIKE") && !p.kw(i+1, hi, "BETWEEN") {
				continue
			}
		default:
			continue
		}
		pr := Predicate{Column: p.column(lo, i), Value: unknownOperand()}
		switch u {
		case "IS":
			switch k := i + 1; {
			case p.kw(k, hi, "NULL"):
				pr.Op, pr.Value.Kind = "IS NULL", OpNull
			case p.kw(k, hi, "NOT") && p.kw(k+1, hi, "NULL"):
				pr.Op, pr.Value.Kind = "IS NOT NULL", OpNull
			case p.kw(k, hi, "NOT") && p.kw(k+1, hi, "DISTINCT") && p.kw(k+2, hi, "FROM"):
				pr.Op, pr.Value = "=", p.operand(k+3, hi)
			case p.kw(k, hi, "DISTINCT") && p.kw(k+1, hi, "FROM"):
				pr.Op, pr.Value = "!=", p.operand(k+2, hi)
			}
			return pr
		case "IN":
			pr.Op, pr.Value = "IN", p.inList(i+1, hi)
			return pr
		case "LIKE", "ILIKE":
			pr.Op = "LIKE"
			pr.Value = p.operand(i+1, p.endOf(i+1, hi, p.anyKw(hi, "ESCAPE")))
			return pr
		case "BETWEEN":
			k := i + 1
			if p.kw(k, hi, "SYMMETRIC") {
				k++
			}
			pr.Op = "BETWEEN"
			pr.Value = p.operand(k, p.endOf(k, hi, p.anyKw(hi, "AND")))
			return pr
		case "NOT":
			if p.kw(i+1, hi, "IN") {
				pr.Op, pr.Value = "NOT IN", p.inList(i+2, hi)
			}
		}
		return pr
	}
	// A bare boolean column ("WHERE active") or an expression.
	return Predicate{Column: p.column(lo, hi), Value: unknownOperand()}
}

var flipOp = map[string]string{"<": ">", "<=": ">=", ">": "<", ">=": "<="}

func (p *parser) comparison(llo, lhi, rlo, rhi int, op string) Predicate {
	pr := Predicate{Column: p.column(llo, lhi), Op: op, Value: unknownOperand()}
	// x = ANY($1) is PostgreSQL's IN for an array argument.
	if (p.kw(rlo, rhi, "ANY") || p.kw(rlo, rhi, "SOME") || p.kw(rlo, rhi, "ALL")) && p.punct(rlo+1, rhi, "(") {
		all := p.kw(rlo, rhi, "ALL")
		switch {
		case !all && op == "=":
			pr.Op = "IN"
		case all && op == "!=":
			pr.Op = "NOT IN"
		default:
			return pr
		}
		g := rlo + 1
		pr.Value = p.operand(g+1, p.groupEnd(g, rhi))
		if p.isSubquery(g, rhi) {
			pr.Value = Operand{Kind: OpSubquery, Param: -1}
		}
		return pr
	}
	pr.Value = p.operand(rlo, rhi)
	// $1 = id reads as id = $1.
	if pr.Column == "" && pr.Value.Kind == OpColumn {
		lv := p.operand(llo, lhi)
		switch lv.Kind {
		case OpParam, OpLiteral, OpNull, OpNow:
			pr.Column, pr.Value = p.column(rlo, rhi), lv
			if f, ok := flipOp[op]; ok {
				pr.Op = f
			}
		}
	}
	return pr
}

func (p *parser) inList(lo, hi int) Operand {
	if p.punct(lo, hi, "(") && p.groupEnd(lo, hi) == hi-1 {
		if p.isSubquery(lo, hi) {
			return Operand{Kind: OpSubquery, Param: -1}
		}
		items := p.splitTop(lo+1, hi-1)
		if len(items) != 1 {
			return unknownOperand()
		}
		return p.operand(items[0][0], items[0][1])
	}
	// GORM and sqlx.In expand "IN ?" from a slice.
	return p.operand(lo, hi)
}

// column names the left side of a predicate when it is a plain column,
// looking through casts and parentheses.
func (p *parser) column(lo, hi int) string {
	lo, hi = p.stripWrappers(lo, hi)
	if c, ok := p.colRef(lo, hi); ok && c != "*" {
		return c
	}
	return ""
}

// stripWrappers removes what does not change which value an expression
// denotes: enclosing parentheses, ::casts, COLLATE and AT TIME ZONE.
func (p *parser) stripWrappers(lo, hi int) (int, int) {
	for lo < hi {
		if k := p.find(lo, hi, func(k int) bool {
			return p.isOp(k, hi, "::") || p.kw(k, hi, "COLLATE") || p.kw(k, hi, "AT") && p.kw(k+1, hi, "TIME")
		}); k > lo {
			hi = k
		}
		if p.punct(lo, hi, "(") && p.groupEnd(lo, hi) == hi-1 && !p.isSubquery(lo, hi) {
			lo, hi = lo+1, hi-1
			continue
		}
		break
	}
	return lo, hi
}

// ---- operands ----

func unknownOperand() Operand { return Operand{Kind: OpUnknown, Param: -1} }

var nowFuncs = map[string]bool{
	"now": true, "current_timestamp": true, "current_date": true, "current_time": true,
	"localtimestamp": true, "localtime": true, "utc_timestamp": true, "utc_date": true, "utc_time": true,
	"sysdate": true, "statement_timestamp": true, "clock_timestamp": true, "transaction_timestamp": true,
	"getdate": true, "getutcdate": true, "sysdatetime": true, "curdate": true, "curtime": true,
}

var nowKeywords = map[string]bool{
	"current_timestamp": true, "current_date": true, "current_time": true, "localtimestamp": true,
	"localtime": true, "utc_timestamp": true, "utc_date": true, "utc_time": true,
}

// Functions that mean "now" only without arguments or with the 'now' string:
// SQLite's date functions and MySQL's UNIX_TIMESTAMP().
var nowIfNoArgs = map[string]bool{
	"datetime": true, "date": true, "time": true, "julianday": true, "unixepoch": true,
	"strftime": true, "unix_timestamp": true,
}

func (p *parser) operand(lo, hi int) Operand {
	if p.isSubquery(lo, hi) && p.groupEnd(lo, hi) == hi-1 {
		return Operand{Kind: OpSubquery, Param: -1}
	}
	lo, hi = p.stripWrappers(lo, hi)
	if lo >= hi {
		return unknownOperand()
	}
	if p.isSubquery(lo, hi) && p.groupEnd(lo, hi) == hi-1 {
		return Operand{Kind: OpSubquery, Param: -1}
	}
	t := p.t[lo]
	if hi-lo == 1 {
		switch t.kind {
		case tParam:
			return Operand{Kind: OpParam, Param: t.param, Name: t.name}
		case tString:
			return Operand{Kind: OpLiteral, Param: -1, Literal: unquoteString(t.text)}
		case tNumber:
			return Operand{Kind: OpLiteral, Param: -1, Literal: t.text}
		case tQuoted:
			return Operand{Kind: OpColumn, Param: -1}
		case tWord:
			switch u := lower(t.text); {
			case u == "true" || u == "false":
				return Operand{Kind: OpLiteral, Param: -1, Literal: u}
			case u == "null":
				return Operand{Kind: OpNull, Param: -1}
			case nowKeywords[u]:
				// CURRENT_TIMESTAMP and friends are keywords, not calls; a
				// bare "now" is a column.
				return Operand{Kind: OpNow, Param: -1}
			case nonColumnWord(t.text):
				return unknownOperand()
			}
			return Operand{Kind: OpColumn, Param: -1}
		}
		return unknownOperand()
	}
	if hi-lo == 2 {
		t2 := p.t[lo+1]
		if t.kind == tOp && (t.text == "-" || t.text == "+") && t2.kind == tNumber {
			lit := t2.text
			if t.text == "-" {
				lit = "-" + lit
			}
			return Operand{Kind: OpLiteral, Param: -1, Literal: lit}
		}
		if t.kind == tWord && t2.kind == tString {
			switch lower(t.text) {
			case "date", "time", "timestamp", "timestamptz", "interval", "uuid", "json", "jsonb":
				return Operand{Kind: OpLiteral, Param: -1, Literal: unquoteString(t2.text)}
			}
		}
	}
	// CAST(x AS type)
	if p.kw(lo, hi, "CAST") && p.punct(lo+1, hi, "(") && p.groupEnd(lo+1, hi) == hi-1 && p.depth < maxDepth {
		if as := p.find(lo+2, hi-1, p.anyKw(hi-1, "AS")); as >= 0 {
			p.depth++
			o := p.operand(lo+2, as)
			p.depth--
			return o
		}
	}
	if _, ok := p.colRef(lo, hi); ok {
		return Operand{Kind: OpColumn, Param: -1}
	}
	// Function call, possibly schema-qualified: the name is the token
	// before the '(' that runs to the end.
	if p.t[hi-1].kind == tPunct && p.t[hi-1].text == ")" {
		for k := lo; k < hi; k++ {
			if !p.punct(k, hi, "(") {
				continue
			}
			if p.groupEnd(k, hi) != hi-1 || k == lo || p.t[k-1].kind != tWord {
				break
			}
			if _, ok := p.colRef(lo, k); !ok && !(k-lo == 1) {
				break
			}
			if p.isNowCall(lower(p.t[k-1].text), k+1, hi-1) {
				return Operand{Kind: OpNow, Param: -1}
			}
			break
		}
	}
	return unknownOperand()
}

func (p *parser) isNowCall(name string, lo, hi int) bool {
	if nowFuncs[name] {
		return true
	}
	if nowIfNoArgs[name] {
		if lo >= hi {
			return true
		}
		for k := lo; k < hi; k++ {
			if p.t[k].kind == tString && strings.EqualFold(unquoteString(p.t[k].text), "now") {
				return true
			}
		}
		return false
	}
	if name == "timezone" {
		// timezone('utc', now())
		for k := lo; k+1 < hi; k++ {
			if p.t[k].kind == tWord && p.punct(k+1, hi, "(") && nowFuncs[lower(p.t[k].text)] {
				return true
			}
		}
	}
	return false
}

// ---- words ----

// reserved words never name a column or table and never act as an alias.
var reservedWords = map[string]bool{
	"SELECT": true, "FROM": true, "WHERE": true, "GROUP": true, "ORDER": true, "LIMIT": true,
	"OFFSET": true, "FETCH": true, "FOR": true, "UNION": true, "INTERSECT": true,
	"EXCEPT": true, "MINUS": true, "HAVING": true, "WINDOW": true, "RETURNING": true, "SET": true,
	"JOIN": true, "INNER": true, "LEFT": true, "RIGHT": true, "FULL": true, "OUTER": true,
	"CROSS": true, "NATURAL": true, "ON": true, "USING": true, "VALUES": true, "AND": true,
	"OR": true, "NOT": true, "AS": true, "INTO": true, "INSERT": true, "UPDATE": true,
	"DELETE": true, "WITH": true, "WHEN": true, "THEN": true, "ELSE": true, "END": true,
	"CASE": true, "IS": true, "IN": true, "LIKE": true, "ILIKE": true, "BETWEEN": true,
	"QUALIFY": true, "LATERAL": true, "DO": true, "TABLESAMPLE": true, "STRAIGHT_JOIN": true,
	"USE": true, "FORCE": true, "IGNORE": true, "DISTINCT": true, "EXISTS": true, "ANY": true,
	"SOME": true, "ALL": true, "ESCAPE": true, "COLLATE": true, "CAST": true,
}

// valueWords are keywords that denote a value rather than a column.
var valueWords = map[string]bool{
	"NULL": true, "TRUE": true, "FALSE": true, "DEFAULT": true, "CURRENT_TIMESTAMP": true,
	"CURRENT_DATE": true, "CURRENT_TIME": true, "LOCALTIME": true, "LOCALTIMESTAMP": true,
	"CURRENT_USER": true, "SESSION_USER": true, "CURRENT_ROLE": true, "CURRENT_SCHEMA": true,
	"UNKNOWN": true,
}

func upperShort(s string) (string, bool) {
	if len(s) > 20 {
		return "", false
	}
	return strings.ToUpper(s), true
}

func reserved(s string) bool {
	u, ok := upperShort(s)
	return ok && reservedWords[u]
}

func nonColumnWord(s string) bool {
	u, ok := upperShort(s)
	return ok && (reservedWords[u] || valueWords[u])
}

// ---- text helpers ----

func trimSpace(s string) string {
	i, j := 0, len(s)
	for i < j && isSpace(s[i]) {
		i++
	}
	for j > i && isSpace(s[j-1]) {
		j--
	}
	return s[i:j]
}

func lower(s string) string { return strings.ToLower(s) }

func unquoteIdent(s string) string {
	if len(s) == 0 {
		return s
	}
	switch q := s[0]; q {
	case '"', '`':
		body := s[1:]
		if len(body) > 0 && body[len(body)-1] == q {
			body = body[:len(body)-1]
		}
		return strings.ReplaceAll(body, string([]byte{q, q}), string([]byte{q}))
	case '[':
		body := s[1:]
		if len(body) > 0 && body[len(body)-1] == ']' {
			body = body[:len(body)-1]
		}
		return body
	}
	return s
}

// unquoteString returns the contents of a string token: 'x', E'x', N'x',
// $$x$$ or $tag$x$tag$.
func unquoteString(s string) string {
	if strings.HasPrefix(s, "$") {
		if k := strings.IndexByte(s[1:], '$'); k >= 0 {
			tag := s[:k+2]
			body := s[len(tag):]
			return strings.TrimSuffix(body, tag)
		}
		return s
	}
	k := strings.IndexByte(s, '\'')
	if k < 0 {
		return s
	}
	escaped := k > 0 && (s[0] == 'E' || s[0] == 'e')
	body := s[k+1:]
	if len(body) > 0 && body[len(body)-1] == '\'' {
		body = body[:len(body)-1]
	}
	body = strings.ReplaceAll(body, "''", "'")
	if escaped {
		body = strings.ReplaceAll(body, "\\'", "'")
	}
	return body
}
