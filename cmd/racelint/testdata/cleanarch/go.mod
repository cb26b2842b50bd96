module example.com/cleanarch

go 1.22
