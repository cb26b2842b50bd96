// Package exp is a shape-only stub of goqu's expressions
// (github.com/doug-martin/goqu/v9/exp) for analysistest: the interfaces
// keep the real embedding, with the subset of methods the tests call.
package exp

type (
	Expression interface {
		Clone() Expression
		Expression() Expression
	}
	BooleanExpression interface {
		Expression
	}
	Comparable interface {
		Eq(interface{}) BooleanExpression
		Neq(interface{}) BooleanExpression
		Gt(interface{}) BooleanExpression
		Gte(interface{}) BooleanExpression
		Lt(interface{}) BooleanExpression
		Lte(interface{}) BooleanExpression
	}
	Inable interface {
		In(...interface{}) BooleanExpression
		NotIn(...interface{}) BooleanExpression
	}
	Isable interface {
		IsNull() BooleanExpression
		IsNotNull() BooleanExpression
	}
	IdentifierExpression interface {
		Expression
		Comparable
		Inable
		Isable
		Col(interface{}) IdentifierExpression
	}
	LiteralExpression interface {
		Expression
	}
	ExpressionList interface {
		Expression
	}
	ConflictExpression interface {
		Expression
	}
	Ex     map[string]interface{}
	Op     map[string]interface{}
	Record map[string]interface{}

	WaitOption int
)

// The real constants follow LockStrength's in one iota block.
const (
	Wait       WaitOption = 5
	NoWait     WaitOption = 6
	SkipLocked WaitOption = 7
)

func (e Ex) Expression() Expression { return e }

func (e Ex) Clone() Expression { return e }
