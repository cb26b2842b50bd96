package flow

import (
	"go/constant"
	"go/token"
	"testing"
)

func TestSameConstant(t *testing.T) {
	str := constant.MakeString
	i64 := constant.MakeInt64
	tests := []struct {
		name string
		x, y constant.Value
		want bool
	}{
		{"equal strings", str("on"), str("on"), true},
		{"different strings", str("on"), str("off"), false},
		{"bool and string", constant.MakeBool(true), str("true"), false},
		{"string and bool", str("true"), constant.MakeBool(true), false},
		{"int and string", i64(1), str("1"), false},
		{"bool and int", constant.MakeBool(true), i64(1), false},
		{"equal bools", constant.MakeBool(false), constant.MakeBool(false), true},
		{"int and float of one value", i64(1), constant.MakeFloat64(1), true},
		{"int and float of two values", i64(1), constant.MakeFloat64(1.5), false},
		{"int and complex", i64(2), constant.BinaryOp(i64(2), token.ADD, constant.MakeImag(i64(0))), true},
		{"unknown", constant.MakeUnknown(), constant.MakeUnknown(), false},
		{"nil", nil, i64(1), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SameConstant(tt.x, tt.y); got != tt.want {
				t.Errorf("SameConstant(%v, %v) = %v, want %v", tt.x, tt.y, got, tt.want)
			}
		})
	}
}
