package flow

import "go/token"

const tokenEQL = token.EQL
