"""PyJWT's side of PyJWTInteropTests.swift.

    pyjwt_interop.py sign ALG KEY_FILE KID      claims JSON on stdin -> token on stdout
    pyjwt_interop.py verify ALG KEY_FILE        token on stdin -> header and claims JSON on stdout

KEY_FILE holds the HMAC secret or a PEM key. verify checks the signature, exp, nbf, iat, aud and iss the way
an application using PyJWT would, and exits 1 with PyJWT's error on stderr when the token is refused.
"""

import json
import sys

import jwt

AUDIENCE = "apus-tests"
ISSUER = "https://issuer.test"


def main() -> int:
    mode, alg, key_file = sys.argv[1:4]
    with open(key_file, "rb") as f:
        key = f.read()
    if alg.startswith("HS"):
        key = key.decode()
    text = sys.stdin.read()
    if mode == "sign":
        kid = sys.argv[4]
        sys.stdout.write(jwt.encode(json.loads(text), key, algorithm=alg, headers={"kid": kid}))
        return 0
    try:
        claims = jwt.decode(text.strip(), key, algorithms=[alg], audience=AUDIENCE, issuer=ISSUER,
                            options={"require": ["exp", "iat", "sub"]})
    except jwt.PyJWTError as error:
        sys.stderr.write(f"{type(error).__name__}: {error}\n")
        return 1
    json.dump({"header": jwt.get_unverified_header(text.strip()), "claims": claims}, sys.stdout, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
