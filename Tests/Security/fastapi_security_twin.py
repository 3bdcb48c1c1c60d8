"""Every fastapi.security scheme behind a route, for the security differential test (compare_security.py).

Sources/SecurityTwinServer is the same app in Apus. Run: uvicorn fastapi_security_twin:app --port 8021
"""

from typing import Annotated, Optional

from fastapi import Depends, FastAPI, HTTPException, Security
from fastapi.security import (
    APIKeyCookie,
    APIKeyHeader,
    APIKeyQuery,
    HTTPAuthorizationCredentials,
    HTTPBasic,
    HTTPBasicCredentials,
    HTTPBearer,
    HTTPDigest,
    OAuth2AuthorizationCodeBearer,
    OAuth2PasswordBearer,
    OAuth2PasswordRequestForm,
    OAuth2PasswordRequestFormStrict,
    OpenIdConnect,
    SecurityScopes,
)

app = FastAPI()

oauth2 = OAuth2PasswordBearer(tokenUrl="token", scopes={"items:read": "Read items.", "me": "Read yourself."})
oauth2_optional = OAuth2PasswordBearer(tokenUrl="token", scheme_name="OAuth2Optional", auto_error=False)
code = OAuth2AuthorizationCodeBearer(authorizationUrl="https://auth.example.com/authorize", tokenUrl="https://auth.example.com/token", refreshUrl="https://auth.example.com/refresh", scopes={"read": "Read."})
basic = HTTPBasic()
basic_realm = HTTPBasic(scheme_name="BasicRealm", realm="apus")
basic_optional = HTTPBasic(scheme_name="BasicOptional", auto_error=False)
bearer = HTTPBearer(bearerFormat="JWT")
bearer_optional = HTTPBearer(scheme_name="BearerOptional", auto_error=False)
digest = HTTPDigest()
digest_optional = HTTPDigest(scheme_name="DigestOptional", auto_error=False)
key_header = APIKeyHeader(name="X-Key")
key_header_optional = APIKeyHeader(name="X-Key", scheme_name="KeyHeaderOptional", auto_error=False)
key_query = APIKeyQuery(name="key", description="The key as a query parameter.")
key_cookie = APIKeyCookie(name="session")
openid = OpenIdConnect(openIdConnectUrl="https://auth.example.com/.well-known/openid-configuration")
openid_optional = OpenIdConnect(openIdConnectUrl="https://auth.example.com/.well-known/openid-configuration", scheme_name="OpenIdOptional", auto_error=False)


@app.get("/oauth")
def read_oauth(token: Annotated[str, Depends(oauth2)]):
    return {"token": token}


@app.get("/oauth-optional")
def read_oauth_optional(token: Annotated[Optional[str], Depends(oauth2_optional)]):
    return {"token": token}


@app.get("/code")
def read_code(token: Annotated[str, Depends(code)]):
    return {"token": token}


@app.get("/basic")
def read_basic(credentials: Annotated[HTTPBasicCredentials, Depends(basic)]):
    return {"username": credentials.username, "password": credentials.password}


@app.get("/basic-realm")
def read_basic_realm(credentials: Annotated[HTTPBasicCredentials, Depends(basic_realm)]):
    return {"username": credentials.username, "password": credentials.password}


@app.get("/basic-optional")
def read_basic_optional(credentials: Annotated[Optional[HTTPBasicCredentials], Depends(basic_optional)]):
    return None if credentials is None else {"username": credentials.username, "password": credentials.password}


@app.get("/bearer")
def read_bearer(credentials: Annotated[HTTPAuthorizationCredentials, Depends(bearer)]):
    return {"scheme": credentials.scheme, "credentials": credentials.credentials}


@app.get("/bearer-optional")
def read_bearer_optional(credentials: Annotated[Optional[HTTPAuthorizationCredentials], Depends(bearer_optional)]):
    return None if credentials is None else {"scheme": credentials.scheme, "credentials": credentials.credentials}


@app.get("/digest")
def read_digest(credentials: Annotated[HTTPAuthorizationCredentials, Depends(digest)]):
    return {"scheme": credentials.scheme, "credentials": credentials.credentials}


@app.get("/digest-optional")
def read_digest_optional(credentials: Annotated[Optional[HTTPAuthorizationCredentials], Depends(digest_optional)]):
    return None if credentials is None else {"scheme": credentials.scheme, "credentials": credentials.credentials}


@app.get("/key-header")
def read_key_header(key: Annotated[str, Depends(key_header)]):
    return {"key": key}


@app.get("/key-header-optional")
def read_key_header_optional(key: Annotated[Optional[str], Depends(key_header_optional)]):
    return {"key": key}


@app.get("/key-query")
def read_key_query(key: Annotated[str, Depends(key_query)]):
    return {"key": key}


@app.get("/key-cookie")
def read_key_cookie(key: Annotated[str, Depends(key_cookie)]):
    return {"key": key}


@app.get("/openid")
def read_openid(authorization: Annotated[str, Depends(openid)]):
    return {"authorization": authorization}


@app.get("/openid-optional")
def read_openid_optional(authorization: Annotated[Optional[str], Depends(openid_optional)]):
    return {"authorization": authorization}


# Scopes: the token is "scopes:<space-separated granted scopes>" (no real tokens here; the JWT suite is elsewhere).
def get_user(security_scopes: SecurityScopes, token: Annotated[str, Depends(oauth2)]):
    granted = token.removeprefix("scopes:").split()
    for scope in security_scopes.scopes:
        if scope not in granted:
            raise HTTPException(
                status_code=401,
                detail="Not enough permissions",
                headers={"WWW-Authenticate": f'Bearer scope="{security_scopes.scope_str}"'},
            )
    return {"required": security_scopes.scopes, "granted": granted}


def get_active_user(user: Annotated[dict, Security(get_user, scopes=["me"])]):
    return user


@app.get("/scoped")
def read_scoped(user: Annotated[dict, Security(get_user, scopes=["items:read"])]):
    return user


@app.get("/scoped-nested")
def read_scoped_nested(user: Annotated[dict, Security(get_active_user, scopes=["items:read"])]):
    return user


@app.post("/token")
def token(form: Annotated[OAuth2PasswordRequestForm, Depends()]):
    return {
        "grant_type": form.grant_type,
        "username": form.username,
        "password": form.password,
        "scopes": form.scopes,
        "client_id": form.client_id,
        "client_secret": form.client_secret,
    }


@app.post("/token-strict")
def token_strict(form: Annotated[OAuth2PasswordRequestFormStrict, Depends()]):
    return {
        "grant_type": form.grant_type,
        "username": form.username,
        "password": form.password,
        "scopes": form.scopes,
        "client_id": form.client_id,
        "client_secret": form.client_secret,
    }
