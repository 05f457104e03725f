# An HTTP server on the socket svctl holds for it (`listen`), systemd's socket-activation convention:
# the socket is fd 3, LISTEN_FDS says how many there are and LISTEN_PID which process they are for.
# Answers 200 with its pid. On SIGTERM it stops accepting (the other instances and the kernel backlog take
# the new connections), answers the requests it has with `Connection: close`, then exits: no failed request.
import http.server
import os
import signal
import socket
import threading


def inherited_socket():
    # The lines an app needs: check that the sockets are for this process, then use fd 3.
    if os.environ.get("LISTEN_PID") != str(os.getpid()) or int(os.environ.get("LISTEN_FDS", "0")) < 1:
        raise SystemExit("no socket passed: start me with svctl and a `listen` key")
    return socket.socket(fileno=3)  # stays non-blocking, as socketserver's loop expects


draining = threading.Event()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive
    timeout = 10  # an idle keep-alive connection is closed after 10 s

    def do_GET(self):
        body = str(os.getpid()).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        if draining.is_set():
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = False  # server_close() waits for the requests in progress
    block_on_close = True

    def __init__(self):
        super().__init__(("", 0), Handler, bind_and_activate=False)
        self.socket.close()
        self.socket = inherited_socket()


server = Server()
signal.signal(signal.SIGTERM, lambda *_: (draining.set(), threading.Thread(target=server.shutdown).start()))
print(f"serving on fd 3 ({os.environ.get('LISTEN_FDNAMES')}), pid {os.getpid()}", flush=True)
server.serve_forever(poll_interval=0.1)
server.server_close()
