package lsp

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
)

// JSON-RPC 2.0 error codes, and the LSP's own.
const (
	codeParseError           = -32700
	codeInvalidRequest       = -32600
	codeMethodNotFound       = -32601
	codeInvalidParams        = -32602
	codeInternalError        = -32603
	codeServerNotInitialized = -32002
	codeRequestFailed        = -32803
)

// maxContentLength bounds one message body; a larger Content-Length is a
// framing error rather than an allocation.
const maxContentLength = 256 << 20

// message is any JSON-RPC 2.0 message as read: a request (id and method),
// a notification (method, no id) or a response (id, result or error).
type message struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id,omitempty"`
	Method  string          `json:"method,omitempty"`
	Params  json.RawMessage `json:"params,omitempty"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   *rpcError       `json:"error,omitempty"`
}

func (m *message) isNotification() bool { return m.Method != "" && m.ID == nil }

// rpcError is a JSON-RPC error object; it is also a Go error, so handlers
// can return one to choose the code.
type rpcError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

func (e *rpcError) Error() string { return e.Message }

func errorf(code int, format string, args ...any) *rpcError {
	return &rpcError{Code: code, Message: fmt.Sprintf(format, args...)}
}

// errFraming reports a header block that could not be understood; the
// next message may still be read.
var errFraming = errors.New("bad message header")

// conn reads and writes LSP base-protocol messages: a header block
// ("Content-Length: N", optionally "Content-Type: ..."), an empty line,
// and N bytes of JSON.
type conn struct {
	r *bufio.Reader

	mu     sync.Mutex // guards w and closed
	w      io.Writer
	closed bool
}

func newConn(r io.Reader, w io.Writer) *conn {
	return &conn{r: bufio.NewReader(r), w: w}
}

// read returns the body of the next message. A header block without a
// usable Content-Length yields an error wrapping errFraming, after which
// reading can continue; io.EOF means the stream ended between messages.
func (c *conn) read() ([]byte, error) {
	length := -1
	var bad string
	lines := 0
	for {
		line, err := c.r.ReadString('\n')
		if err != nil {
			if errors.Is(err, io.EOF) && lines == 0 && line == "" {
				return nil, io.EOF
			}
			return nil, fmt.Errorf("reading header: %w", err)
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			if lines == 0 {
				continue // tolerate stray blank lines between messages
			}
			break
		}
		lines++
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			bad = fmt.Sprintf("header line %q has no colon", line)
			continue
		}
		if strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			n, err := strconv.Atoi(strings.TrimSpace(value))
			if err != nil || n < 0 || n > maxContentLength {
				bad = fmt.Sprintf("bad Content-Length %q", strings.TrimSpace(value))
				continue
			}
			length = n
		}
	}
	if bad == "" && length < 0 {
		bad = "no Content-Length header"
	}
	if bad != "" {
		return nil, fmt.Errorf("%w: %s", errFraming, bad)
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(c.r, body); err != nil {
		return nil, fmt.Errorf("reading body: %w", err)
	}
	return body, nil
}

// write sends one message. After close, writes are dropped, so that late
// notifications from a finishing analysis never block on a peer that has
// stopped reading.
func (c *conn) write(v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "Content-Length: %d\r\n\r\n", len(data))
	buf.Write(data)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return nil
	}
	_, err = c.w.Write(buf.Bytes())
	return err
}

func (c *conn) close() {
	c.mu.Lock()
	c.closed = true
	c.mu.Unlock()
}

// nullID is the id of a response to a message whose id is unknown.
var nullID = json.RawMessage("null")

type resultResponse struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Result  any             `json:"result"`
}

type errorResponse struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Error   *rpcError       `json:"error"`
}

type notification struct {
	JSONRPC string `json:"jsonrpc"`
	Method  string `json:"method"`
	Params  any    `json:"params"`
}

func (c *conn) reply(id json.RawMessage, result any) error {
	return c.write(resultResponse{"2.0", id, result})
}

func (c *conn) replyError(id json.RawMessage, e *rpcError) error {
	if id == nil {
		id = nullID
	}
	return c.write(errorResponse{"2.0", id, e})
}

func (c *conn) notify(method string, params any) error {
	return c.write(notification{"2.0", method, params})
}

// validID reports whether raw is a JSON-RPC id: a string or a number.
func validID(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return false
	}
	switch raw[0] {
	case '"':
		var s string
		return json.Unmarshal(raw, &s) == nil
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		var n json.Number
		return json.Unmarshal(raw, &n) == nil
	}
	return false
}
