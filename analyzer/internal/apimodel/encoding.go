package apimodel

import (
	"encoding/binary"
	"errors"
)

// Methods travel in facts (a summarised statement records the method that
// runs it), once per operation of every exported summary. gob spends a
// field tag and a value on every non-zero field, and most indexes are -1;
// this encoding spends one byte per index and one for all the flags.

// GobEncode encodes m compactly.
func (m Method) GobEncode() ([]byte, error) {
	b := make([]byte, 0, len(m.Pkg)+len(m.Recv)+len(m.Name)+len(m.Verb)+len(m.LockedForm)+24)
	for _, s := range []string{m.Pkg, m.Recv, m.Name, m.Verb, m.LockedForm} {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	for _, n := range []int{int(m.Role), int(m.Clause), int(m.Lib), m.SQL, m.Args, m.Dest, m.Opts, m.Func, m.Key, m.Field, m.Value} {
		b = binary.AppendVarint(b, int64(n))
	}
	var flags uint64
	for i, f := range []bool{m.Or, m.InPlace, m.Retries, m.Positional, m.KeyIsID, m.ReturnsRecord, m.Locks, m.Optimistic} {
		if f {
			flags |= 1 << i
		}
	}
	return binary.AppendUvarint(b, flags), nil
}

var errMethodEncoding = errors.New("apimodel: malformed Method encoding")

// GobDecode decodes what GobEncode wrote.
func (m *Method) GobDecode(b []byte) error {
	var strs [5]string
	for i := range strs {
		n, k := binary.Uvarint(b)
		if k <= 0 || uint64(len(b)-k) < n {
			return errMethodEncoding
		}
		strs[i], b = string(b[k:k+int(n)]), b[k+int(n):]
	}
	var ints [11]int
	for i := range ints {
		v, k := binary.Varint(b)
		if k <= 0 {
			return errMethodEncoding
		}
		ints[i], b = int(v), b[k:]
	}
	flags, k := binary.Uvarint(b)
	if k <= 0 || k != len(b) {
		return errMethodEncoding
	}
	*m = Method{
		Pkg: strs[0], Recv: strs[1], Name: strs[2], Verb: strs[3], LockedForm: strs[4],
		Role: Role(ints[0]), Clause: Clause(ints[1]), Lib: LibraryID(ints[2]),
		SQL: ints[3], Args: ints[4], Dest: ints[5], Opts: ints[6], Func: ints[7], Key: ints[8], Field: ints[9], Value: ints[10],
		Or: flags&1 != 0, InPlace: flags&2 != 0, Retries: flags&4 != 0, Positional: flags&8 != 0, KeyIsID: flags&16 != 0, ReturnsRecord: flags&32 != 0,
		Locks: flags&64 != 0, Optimistic: flags&128 != 0,
	}
	return nil
}
