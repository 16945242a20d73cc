#!/usr/bin/env bash
# Makes a development CA and an ECDSA P-256 serving certificate for the webhook, and prints the
# base64 caBundle for a webhook configuration. Keys stay in the output folder, which git ignores.
#
#   certs/gen-dev-certs.sh [--out DIR] [--service NAME --namespace NS] [--client NAME] [--days N]
#
# The CA is kept when it already exists in DIR (so a caBundle handed out stays valid); the
# serving certificate is made anew on every run. --client also makes a client certificate signed
# by the same CA (tls-client.crt/.key), for trying out --client-ca-file.
set -euo pipefail

out="$(cd "$(dirname "$0")" && pwd)/out"
service=""
namespace=""
client=""
days=365

usage() { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --service) service="$2"; shift 2 ;;
    --namespace) namespace="$2"; shift 2 ;;
    --client) client="$2"; shift 2 ;;
    --days) days="$2"; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "unknown argument: $1" >&2; usage 2 ;;
  esac
done
if { [ -n "$service" ] && [ -z "$namespace" ]; } || { [ -z "$service" ] && [ -n "$namespace" ]; }; then
  echo "--service and --namespace go together" >&2
  exit 2
fi
command -v openssl >/dev/null || { echo "openssl is not installed (apt-get install openssl)" >&2; exit 2; }

mkdir -p "$out"
chmod 700 "$out"
umask 077
cd "$out"

new_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

if [ ! -s ca.crt ] || [ ! -s ca.key ]; then
  new_key ca.key
  openssl req -x509 -new -key ca.key -sha256 -days $((days * 10)) \
    -subj "/CN=strimzi-gateway-webhook development CA" \
    -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -out ca.crt
fi

sans="DNS:localhost,IP:127.0.0.1"
if [ -n "$service" ]; then
  sans="$sans,DNS:$service.$namespace.svc,DNS:$service.$namespace.svc.cluster.local"
fi

sign() { # sign NAME SUBJECT EXTENSIONS
  new_key "$1.key"
  openssl req -new -key "$1.key" -subj "$2" -out "$1.csr"
  printf '%s\n' "$3" > "$1.ext"
  openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -sha256 \
    -days "$days" -extfile "$1.ext" -out "$1.crt" 2>/dev/null
  rm -f "$1.csr" "$1.ext"
}

sign tls "/CN=${service:-localhost}" "subjectAltName=$sans
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
basicConstraints=critical,CA:FALSE"

if [ -n "$client" ]; then
  sign tls-client "/CN=$client" "keyUsage=critical,digitalSignature
extendedKeyUsage=clientAuth
basicConstraints=critical,CA:FALSE"
fi

chmod 644 ca.crt tls.crt
echo "certificates in $out (tls.crt, tls.key, ca.crt; SANs $sans)" >&2
echo "caBundle:" >&2
base64 -w0 ca.crt
echo
