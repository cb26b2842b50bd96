// Package clause is a shape-only stub of gorm.io/gorm/clause synthesized for racelint's tests; signatures match gorm.io/gorm@v1.31.2.
package clause

// Interface is a clause.
type Interface interface {
	Name() string
	Build(Builder)
	MergeClause(*Clause)
}

// ClauseBuilder builds a clause.
type ClauseBuilder func(Clause, Builder)

// Writer writes SQL text.
type Writer interface {
	WriteByte(byte) error
	WriteString(string) (int, error)
}

// Builder builds SQL.
type Builder interface {
	Writer
	WriteQuoted(field interface{})
	AddVar(Writer, ...interface{})
	AddError(error) error
}

// Clause is a named clause.
type Clause struct {
	Name                string
	BeforeExpression    Expression
	AfterNameExpression Expression
	AfterExpression     Expression
	Expression          Expression
	Builder             ClauseBuilder
}

// Build builds the clause.
func (c Clause) Build(builder Builder) {}

// Well-known names.
const (
	PrimaryKey   string = "~~~py~~~"
	CurrentTable string = "~~~ct~~~"
	Associations string = "~~~as~~~"
)

// PrimaryColumn is the primary key column of the current table.
var PrimaryColumn = Column{Table: CurrentTable, Name: PrimaryKey}

// Column is a column reference.
type Column struct {
	Table string
	Name  string
	Alias string
	Raw   bool
}

// Table is a table reference.
type Table struct {
	Name  string
	Alias string
	Raw   bool
}

// Expression is a SQL expression.
type Expression interface {
	Build(builder Builder)
}

// NegationExpressionBuilder builds a negated expression.
type NegationExpressionBuilder interface {
	NegationBuild(builder Builder)
}

// Expr is a raw SQL expression.
type Expr struct {
	SQL                string
	Vars               []interface{}
	WithoutParentheses bool
}

// Build builds the expression.
func (expr Expr) Build(builder Builder) {}

// NamedExpr is a raw SQL expression with named arguments.
type NamedExpr struct {
	SQL  string
	Vars []interface{}
}

// Build builds the expression.
func (expr NamedExpr) Build(builder Builder) {}

// IN is a column IN (values) expression.
type IN struct {
	Column interface{}
	Values []interface{}
}

// Build builds the expression.
func (in IN) Build(builder Builder) {}

// NegationBuild builds the negated expression.
func (in IN) NegationBuild(builder Builder) {}

// Eq is an equality expression.
type Eq struct {
	Column interface{}
	Value  interface{}
}

// Build builds the expression.
func (eq Eq) Build(builder Builder) {}

// NegationBuild builds the negated expression.
func (eq Eq) NegationBuild(builder Builder) {}

// Neq is an inequality expression.
type Neq Eq

// Build builds the expression.
func (neq Neq) Build(builder Builder) {}

// NegationBuild builds the negated expression.
func (neq Neq) NegationBuild(builder Builder) {}

// Gt is a greater-than expression.
type Gt Eq

// Build builds the expression.
func (gt Gt) Build(builder Builder) {}

// NegationBuild builds the negated expression.
func (gt Gt) NegationBuild(builder Builder) {}

// Lt is a less-than expression.
type Lt Eq

// Build builds the expression.
func (lt Lt) Build(builder Builder) {}

// NegationBuild builds the negated expression.
func (lt Lt) NegationBuild(builder Builder) {}

// Where is a WHERE clause.
type Where struct {
	Exprs []Expression
}

// Name returns the clause name.
func (where Where) Name() string { return "" }

// Build builds the clause.
func (where Where) Build(builder Builder) {}

// MergeClause merges the clause.
func (where Where) MergeClause(clause *Clause) {}

// And joins expressions with AND.
func And(exprs ...Expression) Expression { return nil }

// AndConditions is an AND group.
type AndConditions struct {
	Exprs []Expression
}

// Build builds the expression.
func (and AndConditions) Build(builder Builder) {}

// Or joins expressions with OR.
func Or(exprs ...Expression) Expression { return nil }

// OrConditions is an OR group.
type OrConditions struct {
	Exprs []Expression
}

// Build builds the expression.
func (or OrConditions) Build(builder Builder) {}

// Not negates expressions.
func Not(exprs ...Expression) Expression { return nil }

// NotConditions is a NOT group.
type NotConditions struct {
	Exprs []Expression
}

// Build builds the expression.
func (not NotConditions) Build(builder Builder) {}

// Locking strengths and options.
const (
	LockingStrengthUpdate    = "UPDATE"
	LockingStrengthShare     = "SHARE"
	LockingOptionsSkipLocked = "SKIP LOCKED"
	LockingOptionsNoWait     = "NOWAIT"
)

// Locking is a FOR UPDATE / FOR SHARE clause.
type Locking struct {
	Strength string
	Table    Table
	Options  string
}

// Name returns the clause name.
func (locking Locking) Name() string { return "" }

// Build builds the clause.
func (locking Locking) Build(builder Builder) {}

// MergeClause merges the clause.
func (locking Locking) MergeClause(clause *Clause) {}

// Assigner returns assignments.
type Assigner interface {
	Assignments() []Assignment
}

// Assignment is a column = value assignment.
type Assignment struct {
	Column Column
	Value  interface{}
}

// Assignments returns the assignment as a slice.
func (a Assignment) Assignments() []Assignment { return nil }

// Set is a SET clause.
type Set []Assignment

// Name returns the clause name.
func (set Set) Name() string { return "" }

// Build builds the clause.
func (set Set) Build(builder Builder) {}

// MergeClause merges the clause.
func (set Set) MergeClause(clause *Clause) {}

// Assignments returns the assignments.
func (set Set) Assignments() []Assignment { return nil }

// Assignments builds a Set from a map.
func Assignments(values map[string]interface{}) Set { return nil }

// AssignmentColumns builds a Set that assigns excluded values of columns.
func AssignmentColumns(values []string) Set { return nil }

// OnConflict is an ON CONFLICT clause.
type OnConflict struct {
	Columns      []Column
	Where        Where
	TargetWhere  Where
	OnConstraint string
	DoNothing    bool
	DoUpdates    Set
	UpdateAll    bool
}

// Name returns the clause name.
func (OnConflict) Name() string { return "" }

// Build builds the clause.
func (onConflict OnConflict) Build(builder Builder) {}

// MergeClause merges the clause.
func (onConflict OnConflict) MergeClause(clause *Clause) {}

// Returning is a RETURNING clause.
type Returning struct {
	Columns []Column
}

// Name returns the clause name.
func (returning Returning) Name() string { return "" }

// Build builds the clause.
func (returning Returning) Build(builder Builder) {}

// MergeClause merges the clause.
func (returning Returning) MergeClause(clause *Clause) {}

// Limit is a LIMIT/OFFSET clause.
type Limit struct {
	Limit  *int
	Offset int
}

// Name returns the clause name.
func (limit Limit) Name() string { return "" }

// Build builds the clause.
func (limit Limit) Build(builder Builder) {}

// MergeClause merges the clause.
func (limit Limit) MergeClause(clause *Clause) {}

// OrderByColumn is an ORDER BY column.
type OrderByColumn struct {
	Column  Column
	Desc    bool
	Reorder bool
}

// OrderBy is an ORDER BY clause.
type OrderBy struct {
	Columns    []OrderByColumn
	Expression Expression
}

// Name returns the clause name.
func (orderBy OrderBy) Name() string { return "" }

// Build builds the clause.
func (orderBy OrderBy) Build(builder Builder) {}

// MergeClause merges the clause.
func (orderBy OrderBy) MergeClause(clause *Clause) {}

// Update is an UPDATE clause.
type Update struct {
	Modifier string
	Table    Table
}

// Name returns the clause name.
func (update Update) Name() string { return "" }

// Build builds the clause.
func (update Update) Build(builder Builder) {}

// MergeClause merges the clause.
func (update Update) MergeClause(clause *Clause) {}

// Insert is an INSERT clause.
type Insert struct {
	Table    Table
	Modifier string
}

// Name returns the clause name.
func (insert Insert) Name() string { return "" }

// Build builds the clause.
func (insert Insert) Build(builder Builder) {}

// MergeClause merges the clause.
func (insert Insert) MergeClause(clause *Clause) {}

// Delete is a DELETE clause.
type Delete struct {
	Modifier string
}

// Name returns the clause name.
func (d Delete) Name() string { return "" }

// Build builds the clause.
func (d Delete) Build(builder Builder) {}

// MergeClause merges the clause.
func (d Delete) MergeClause(clause *Clause) {}
