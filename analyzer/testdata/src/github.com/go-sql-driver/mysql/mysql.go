// Package mysql stands in for the MySQL driver: importing it says which
// database a package talks to.
package mysql
