package apimodel

import "go/types"

const pkgRedis = "github.com/redis/go-redis/v9"

var libraryRedis = Library{
	ID: LibRedis, Name: "go-redis v9 and v8", Imports: []string{pkgRedis}, Opaque: []string{"github.com/redis/", "github.com/go-redis/"},
	// v8 has v9's API (context first, the same commands and result
	// types, redis.Nil a constant of internal/proto.RedisError).
	Forks: map[string]string{
		"github.com/go-redis/redis/v8":                pkgRedis,
		"github.com/go-redis/redis/v8/internal/proto": pkgRedis + "/internal/proto",
	},
	Store: StoreKeyValue, Builder: BuilderKeyValue, Methods: redis,
}

// kv returns a key-value table row with no SQL, destination or callback.
func kv(recv, name string, role Role, key, field, value int) Method {
	return Method{Pkg: pkgRedis, Recv: recv, Name: name, Role: role,
		SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: -1, Key: key, Field: field, Value: value}
}

// redis is the table for go-redis v9. Commands are methods of the
// unexported cmdable type, promoted into *Client, *Tx, pipelines and the
// Cmdable/UniversalClient/Pipeliner interfaces; each receiver gets a row.
// Argument indexes count from ctx (index 0).
var redis = func() []Method {
	var t []Method
	// In the real module the Cmdable, UniversalClient and Pipeliner
	// interfaces embed one interface per command family, which declares
	// the method: calls through them name those receivers.
	for _, recv := range []string{"cmdable", "Cmdable", "UniversalClient", "Pipeliner", "StatefulCmdable", "Client", "ClusterClient", "Tx", "Conn", "Ring",
		"StringCmdable", "HashCmdable", "GenericCmdable", "SetCmdable", "SortedSetCmdable", "ListCmdable", "ScriptingFunctionsCmdable"} {
		t = append(t,
			kv(recv, "Get", RoleRead, 1, -1, -1),
			kv(recv, "HGet", RoleRead, 1, 2, -1),
			kv(recv, "HGetAll", RoleRead, 1, -1, -1),
			kv(recv, "HExists", RoleExists, 1, 2, -1),
			kv(recv, "HMGet", RoleRead, 1, -1, -1),
			kv(recv, "Exists", RoleExists, 1, -1, -1),
			kv(recv, "SIsMember", RoleExists, 1, -1, -1),
			kv(recv, "SMembers", RoleRead, 1, -1, -1),
			kv(recv, "ZScore", RoleRead, 1, -1, -1),
			kv(recv, "LLen", RoleRead, 1, -1, -1),
			kv(recv, "SCard", RoleRead, 1, -1, -1),
			kv(recv, "Set", RoleUpsert, 1, -1, 2),
			kv(recv, "GetSet", RoleUpsert, 1, -1, 2),
			kv(recv, "HSet", RoleUpsert, 1, 2, 3),
			kv(recv, "HMSet", RoleUpsert, 1, 2, 3),
			kv(recv, "SAdd", RoleUpsert, 1, -1, 2),
			kv(recv, "SRem", RoleUpsert, 1, -1, 2),
			kv(recv, "ZAdd", RoleUpsert, 1, -1, 2),
			kv(recv, "LPush", RoleUpsert, 1, -1, 2),
			kv(recv, "RPush", RoleUpsert, 1, -1, 2),
			kv(recv, "SetNX", RoleInsertIfAbsent, 1, -1, 2),
			kv(recv, "HSetNX", RoleInsertIfAbsent, 1, 2, 3),
			func() Method { m := kv(recv, "SetArgs", RoleUpsert, 1, -1, 2); m.Opts = 3; return m }(), // Opts: SetArgs{Mode: "NX"}
			kv(recv, "Incr", RoleIncrement, 1, -1, -1),
			kv(recv, "IncrBy", RoleIncrement, 1, -1, 2),
			kv(recv, "Decr", RoleIncrement, 1, -1, -1),
			kv(recv, "DecrBy", RoleIncrement, 1, -1, 2),
			kv(recv, "HIncrBy", RoleIncrement, 1, 2, 3),
			kv(recv, "Del", RoleDelete, 1, -1, -1),
			kv(recv, "HDel", RoleDelete, 1, 2, -1),
		)
	}
	for _, cmd := range []string{"baseCmd", "Cmd", "StringCmd", "IntCmd", "BoolCmd", "FloatCmd", "StatusCmd", "SliceCmd", "StringSliceCmd", "MapStringStringCmd", "StringStringMapCmd", "BoolSliceCmd", "IntSliceCmd"} {
		for _, m := range []string{"Result", "Val", "Err", "Int", "Int64", "Uint64", "Bool", "Float64", "Float32", "Bytes", "Text", "Scan", "Slice"} {
			r := kv(cmd, m, RoleResult, -1, -1, -1)
			if m == "Scan" {
				r.Dest = 0
			}
			t = append(t, r)
		}
	}
	// Watch runs the callback once: an EXEC that fails because a watched
	// key changed returns TxFailedErr, and the caller must run it again.
	t = append(t, Method{Pkg: pkgRedis, Recv: "Client", Name: "Watch", Role: RoleTxFunc, Optimistic: true,
		SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: 1, Key: -1, Field: -1, Value: -1})
	return t
}()

// IsKeyValueTx reports whether t is go-redis's *Tx, the handle of a
// Watch callback.
func IsKeyValueTx(t types.Type) bool { return IsNamed(t, pkgRedis, "Tx") }

// ConstSentinel classifies a typed constant compared with an error:
// go-redis declares Nil as a constant of its internal RedisError type.
func ConstSentinel(pkg, typeName, value string) Sentinel {
	if Canonical(pkg) == "github.com/redis/go-redis/v9/internal/proto" && typeName == "RedisError" {
		switch value {
		case "redis: nil":
			return NotFound
		case "redis: transaction failed": // TxFailedErr
			return Conflict
		}
	}
	return 0
}
