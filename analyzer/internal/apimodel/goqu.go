package apimodel

import "strings"

// goqu's packages: the datasets, the expressions Where takes, and the
// executor a dataset hands out.
const (
	pkgGoqu     = "github.com/doug-martin/goqu/v9"
	pkgGoquExp  = pkgGoqu + "/exp"
	pkgGoquExec = pkgGoqu + "/exec"
)

var libraryGoqu = Library{
	ID: LibGoqu, Name: "goqu", Imports: []string{pkgGoqu, pkgGoquExp, pkgGoquExec}, Opaque: []string{"github.com/doug-martin/goqu"},
	Store: StoreSQL, Builder: BuilderGoqu, Methods: goqu, TxTypes: []string{"TxDatabase"}, PoolTypes: []string{"Database"},
	LockChain: "ForUpdate", LockArg: &QualifiedName{Pkg: pkgGoquExp, Ident: "exp", Name: "Wait"},
}

// goqu is the table for goqu v9. A *Database (or the *TxDatabase of a
// transaction) starts a dataset (From, Update, Insert, Delete); chain
// methods add clauses; a finisher runs it, on the dataset itself
// (ScanStruct, Count) or on the exec.QueryExecutor its Executor() returns
// (Exec, ScanStruct). Where takes expressions: goqu.C("col").Eq(v),
// goqu.Ex{"col": v}, goqu.And/Or, goqu.L("sql", args...); their builders
// are RoleColumn and RoleCondition rows whose Verb is the SQL operator.
var goqu = func() []Method {
	m := func(pkg, recv, name string, r Role) Method {
		return Method{Pkg: pkg, Recv: recv, Name: name, Role: r, SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1, Key: -1, Field: -1, Value: -1}
	}
	var t []Method
	for _, db := range []string{"Database", "TxDatabase"} {
		// Key: the table argument; Select(cols...) names its table in a
		// From after it.
		for verb, name := range map[string]string{"SELECT": "From", "UPDATE": "Update", "INSERT": "Insert", "DELETE": "Delete"} {
			x := m(pkgGoqu, db, name, RoleChain)
			x.Clause, x.Verb, x.Key = ClauseStart, verb, 0
			t = append(t, x)
		}
		sel := m(pkgGoqu, db, "Select", RoleChain)
		sel.Clause, sel.Verb = ClauseStart, "SELECT"
		t = append(t, sel)
		// SQL text run through the database, as database/sql runs it.
		sqlText := func(name string, r Role, sql, dest int) Method {
			x := m(pkgGoqu, db, name, r)
			x.SQL, x.Args, x.Dest = sql, sql+1, dest
			return x
		}
		t = append(t,
			sqlText("Exec", RoleExec, 0, -1), sqlText("ExecContext", RoleExec, 1, -1),
			sqlText("Query", RoleQuery, 0, -1), sqlText("QueryContext", RoleQuery, 1, -1),
			sqlText("QueryRow", RoleQuery, 0, -1), sqlText("QueryRowContext", RoleQuery, 1, -1),
			sqlText("ScanStruct", RoleGet, 1, 0), sqlText("ScanStructContext", RoleGet, 2, 1),
			sqlText("ScanVal", RoleGet, 1, 0), sqlText("ScanValContext", RoleGet, 2, 1),
			sqlText("ScanStructs", RoleSelect, 1, 0), sqlText("ScanStructsContext", RoleSelect, 2, 1),
		)
	}
	begin := m(pkgGoqu, "Database", "BeginTx", RoleBegin)
	begin.Opts = 1
	withTx := m(pkgGoqu, "Database", "WithTx", RoleTxFunc)
	withTx.Func = 0
	t = append(t, m(pkgGoqu, "Database", "Begin", RoleBegin), begin, withTx,
		m(pkgGoqu, "TxDatabase", "Commit", RoleCommit), m(pkgGoqu, "TxDatabase", "Rollback", RoleCommit))

	// Dataset clauses.
	chain := func(recv, name string, c Clause) Method {
		x := m(pkgGoqu, recv, name, RoleChain)
		x.Clause = c
		return x
	}
	for _, ds := range []string{"SelectDataset", "UpdateDataset", "InsertDataset", "DeleteDataset"} {
		t = append(t, chain(ds, "Executor", ClauseKeep))
		for _, keep := range []string{"Prepared", "WithDialect", "Order", "OrderAppend", "Limit", "Offset", "Returning", "Select", "Cols", "As", "GroupBy"} {
			t = append(t, chain(ds, keep, ClauseKeep))
		}
	}
	for _, ds := range []string{"SelectDataset", "UpdateDataset", "DeleteDataset"} {
		t = append(t, chain(ds, "Where", ClauseWhere))
	}
	for _, lock := range []string{"ForUpdate", "ForNoKeyUpdate", "ForShare", "ForKeyShare"} {
		x := chain("SelectDataset", lock, ClauseLock)
		if strings.HasSuffix(lock, "Share") {
			x.Verb = "SHARE" // a share lock, which two readers both get
		}
		t = append(t, x)
	}
	// Joins and a second FROM bring other tables' rows into the WHERE.
	t = append(t, chain("SelectDataset", "From", ClauseTable))
	for _, join := range []string{"Join", "InnerJoin", "LeftJoin", "RightJoin", "FullJoin", "LeftOuterJoin", "RightOuterJoin", "FullOuterJoin", "NaturalJoin", "CrossJoin"} {
		x := chain("SelectDataset", join, ClauseWhere)
		x.Or = true
		t = append(t, x)
	}
	updateFrom := chain("UpdateDataset", "From", ClauseWhere)
	updateFrom.Or = true
	t = append(t, updateFrom,
		chain("UpdateDataset", "Set", ClauseSetMap),
		chain("InsertDataset", "Rows", ClauseValues),
		chain("InsertDataset", "OnConflict", ClauseConflict),
	)

	// Finishers, on a dataset and on its executor.
	fin := func(pkg, recv, name string, r Role, dest int) Method {
		x := m(pkg, recv, name, r)
		x.Dest = dest
		return x
	}
	t = append(t,
		fin(pkgGoqu, "SelectDataset", "ScanStruct", RoleRead, 0), fin(pkgGoqu, "SelectDataset", "ScanStructContext", RoleRead, 1),
		fin(pkgGoqu, "SelectDataset", "ScanStructs", RoleRead, 0), fin(pkgGoqu, "SelectDataset", "ScanStructsContext", RoleRead, 1),
		fin(pkgGoqu, "SelectDataset", "ScanVal", RoleRead, 0), fin(pkgGoqu, "SelectDataset", "ScanValContext", RoleRead, 1),
		fin(pkgGoqu, "SelectDataset", "ScanVals", RoleRead, 0), fin(pkgGoqu, "SelectDataset", "ScanValsContext", RoleRead, 1),
		fin(pkgGoqu, "SelectDataset", "Pluck", RoleRead, 0), fin(pkgGoqu, "SelectDataset", "PluckContext", RoleRead, 1),
		fin(pkgGoqu, "SelectDataset", "Count", RoleCount, -1), fin(pkgGoqu, "SelectDataset", "CountContext", RoleCount, -1),
		fin(pkgGoquExec, "QueryExecutor", "Exec", RoleExec, -1), fin(pkgGoquExec, "QueryExecutor", "ExecContext", RoleExec, -1),
		fin(pkgGoquExec, "QueryExecutor", "ScanStruct", RoleRead, 0), fin(pkgGoquExec, "QueryExecutor", "ScanStructContext", RoleRead, 1),
		fin(pkgGoquExec, "QueryExecutor", "ScanStructs", RoleRead, 0), fin(pkgGoquExec, "QueryExecutor", "ScanStructsContext", RoleRead, 1),
		fin(pkgGoquExec, "QueryExecutor", "ScanVal", RoleRead, 0), fin(pkgGoquExec, "QueryExecutor", "ScanValContext", RoleRead, 1),
		fin(pkgGoquExec, "QueryExecutor", "ScanVals", RoleRead, 0), fin(pkgGoquExec, "QueryExecutor", "ScanValsContext", RoleRead, 1),
	)

	// Expressions: goqu.C/I name a column; the comparison methods (declared
	// in exp's Comparable, Inable, Isable and Likeable interfaces that
	// IdentifierExpression embeds) make a predicate whose operator is Verb.
	for _, col := range []string{"C", "I"} {
		x := m(pkgGoqu, "", col, RoleColumn)
		x.Key = 0
		t = append(t, x)
	}
	col := m(pkgGoquExp, "IdentifierExpression", "Col", RoleColumn) // goqu.T("users").Col("id")
	col.Key = 0
	t = append(t, col)
	tableName := m(pkgGoqu, "", "T", RoleTable) // From(goqu.T("users"))
	tableName.Key = 0
	t = append(t, tableName)
	cond := func(recv, name, op string) Method {
		x := m(pkgGoquExp, recv, name, RoleCondition)
		x.Verb, x.Value = op, 0
		if strings.HasPrefix(op, "IS ") && op != "IS NOT" {
			x.Value = -1 // IsNull(), IsTrue(): no operand
		}
		return x
	}
	t = append(t,
		cond("Comparable", "Eq", "="), cond("Comparable", "Neq", "<>"),
		cond("Comparable", "Gt", ">"), cond("Comparable", "Gte", ">="), cond("Comparable", "Lt", "<"), cond("Comparable", "Lte", "<="),
		cond("Inable", "In", "IN"), cond("Inable", "NotIn", "NOT IN"),
		cond("Isable", "Is", "IS"), cond("Isable", "IsNot", "IS NOT"),
		cond("Isable", "IsNull", "IS NULL"), cond("Isable", "IsNotNull", "IS NOT NULL"),
		cond("Isable", "IsTrue", "IS TRUE"), cond("Isable", "IsFalse", "IS FALSE"),
		cond("Likeable", "Like", "LIKE"), cond("Likeable", "ILike", "LIKE"),
	)
	and := m(pkgGoqu, "", "And", RoleCondition)
	and.Verb = "AND"
	or := m(pkgGoqu, "", "Or", RoleCondition)
	or.Verb, or.Or = "OR", true
	// goqu.L("n + ?", 1) in a Set record is computed by the database; in
	// a Where it is SQL text with arguments.
	lit := m(pkgGoqu, "", "L", RoleAtomicExpr)
	lit.SQL, lit.Args = 0, 1
	t = append(t, and, or, lit)
	return t
}()
