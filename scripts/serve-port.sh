# Sourced by the scripts that start `pco serve`: start_serve PCO STORE LOG starts a server on a
# port the system chooses (--port 0) and sets $server (its pid) and $port (read from the first
# line it prints, "pco dashboard for … at http://127.0.0.1:PORT/ …"); $port stays empty when it
# did not say within 10 s. A port computed from the script's pid could be one that a client
# connection holds, and the server would rightly refuse it.
start_serve() {
  "$1" serve "$2" --port 0 >"$3" 2>&1 &
  server=$!
  port=""
  for _ in $(seq 200); do
    port=$(sed -n '1s|.*:\([0-9][0-9]*\)/ .*|\1|p' "$3")
    if [ -n "$port" ]; then return 0; fi
    sleep 0.05
  done
}
