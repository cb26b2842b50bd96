package apimodel

import "go/types"

const pkgRedis = "github.com/redis/go-redis/v9"

var libraryRedis = Library{
	ID: LibRedis, Name: "go-redis v9", Imports: []string{pkgRedis}, Opaque: []string{"github.com/redis/"},
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
			kv(recv, "Get", RoleKVRead, 1, -1, -1),
			kv(recv, "HGet", RoleKVRead, 1, 2, -1),
			kv(recv, "HGetAll", RoleKVRead, 1, -1, -1),
			kv(recv, "HExists", RoleKVRead, 1, 2, -1),
			kv(recv, "HMGet", RoleKVRead, 1, -1, -1),
			kv(recv, "Exists", RoleKVRead, 1, -1, -1),
			kv(recv, "SIsMember", RoleKVRead, 1, -1, -1),
			kv(recv, "SMembers", RoleKVRead, 1, -1, -1),
			kv(recv, "ZScore", RoleKVRead, 1, -1, -1),
			kv(recv, "LLen", RoleKVRead, 1, -1, -1),
			kv(recv, "SCard", RoleKVRead, 1, -1, -1),
			kv(recv, "Set", RoleKVWrite, 1, -1, 2),
			kv(recv, "GetSet", RoleKVWrite, 1, -1, 2),
			kv(recv, "HSet", RoleKVWrite, 1, 2, 3),
			kv(recv, "HMSet", RoleKVWrite, 1, 2, 3),
			kv(recv, "SAdd", RoleKVWrite, 1, -1, 2),
			kv(recv, "SRem", RoleKVWrite, 1, -1, 2),
			kv(recv, "ZAdd", RoleKVWrite, 1, -1, 2),
			kv(recv, "LPush", RoleKVWrite, 1, -1, 2),
			kv(recv, "RPush", RoleKVWrite, 1, -1, 2),
			kv(recv, "SetNX", RoleKVSetNX, 1, -1, 2),
			kv(recv, "HSetNX", RoleKVSetNX, 1, 2, 3),
			kv(recv, "SetArgs", RoleKVSetArgs, 1, -1, 2),
			kv(recv, "Del", RoleKVDelete, 1, -1, -1),
			kv(recv, "HDel", RoleKVDelete, 1, 2, -1),
		)
	}
	for _, cmd := range []string{"baseCmd", "Cmd", "StringCmd", "IntCmd", "BoolCmd", "FloatCmd", "StatusCmd", "SliceCmd", "StringSliceCmd", "MapStringStringCmd", "BoolSliceCmd", "IntSliceCmd"} {
		for _, m := range []string{"Result", "Val", "Err", "Int", "Int64", "Uint64", "Bool", "Float64", "Float32", "Bytes", "Text", "Scan", "Slice"} {
			t = append(t, kv(cmd, m, RoleKVResult, -1, -1, -1))
		}
	}
	t = append(t, Method{Pkg: pkgRedis, Recv: "Client", Name: "Watch", Role: RoleKVWatch,
		SQL: -1, Args: -1, Dest: -1, Opts: -1, Func: 1, Key: -1, Field: -1, Value: -1})
	return t
}()

// IsKeyValueTx reports whether t is go-redis's *Tx, the handle of a
// Watch callback.
func IsKeyValueTx(t types.Type) bool { return IsNamed(t, pkgRedis, "Tx") }

// ConstSentinel classifies a typed constant compared with an error:
// go-redis declares Nil as a constant of its internal RedisError type.
func ConstSentinel(pkg, typeName, value string) Sentinel {
	if pkg == "github.com/redis/go-redis/v9/internal/proto" && typeName == "RedisError" && value == "redis: nil" {
		return NotFound
	}
	return 0
}
