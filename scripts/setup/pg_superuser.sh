# Run a command as PostgreSQL's superuser over the local socket (peer
# authentication), without the connection settings of the Odoo role. Sourced.
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
as_postgres() {
    if [ -z "$SUDO" ]; then runuser -u postgres -- env -u PGHOST -u PGPORT -u PGPASSWORD "$@"
    else sudo -u postgres env -u PGHOST -u PGPORT -u PGPASSWORD "$@"; fi
}
