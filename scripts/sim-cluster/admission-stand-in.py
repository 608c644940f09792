"""Stand-in for webhooks that no process serves in the sim cluster: answers every AdmissionReview
with "allowed" and no patch, and counts what it answered.

Used only for cert-manager's webhook (bootstrap/environments/sim.yaml says why): its configurations
fail closed with no value to change that, and cluster-scoped objects (ClusterIssuer) ignore a
namespace selector. What cert-manager's webhook would decide is not proven in sim; the API server's
own schema validation of the same objects still runs.

Usage: python3 admission-stand-in.py PORT CERT KEY COUNT_FILE  (listens on 127.0.0.1 only)
"""
import http.server
import json
import ssl
import sys


class Handler(http.server.BaseHTTPRequestHandler):
    answered = 0

    def log_message(self, *args):
        pass

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        review = json.loads(self.rfile.read(length) or b"{}")
        uid = review.get("request", {}).get("uid", "")
        body = json.dumps(
            {
                "apiVersion": "admission.k8s.io/v1",
                "kind": "AdmissionReview",
                "response": {"uid": uid, "allowed": True},
            }
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        Handler.answered += 1
        with open(sys.argv[4], "w", encoding="utf-8") as f:
            f.write(f"{Handler.answered}\n")


def main():
    port, cert, key = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
