// Package app wires the service to the repository.
package app

import (
	"database/sql"

	"example.com/cleanarch/repo"
	"example.com/cleanarch/service"
)

// New wires the application.
func New(db *sql.DB) *service.Service {
	return &service.Service{Invites: &repo.Invites{DB: db}, UoW: &repo.UoW{DB: db}}
}
