"""The example service (Sources/ExampleService) written in FastAPI, for the differential test (compare.py).

Run: uvicorn fastapi_twin:app --port 8001
"""

import asyncio
import os
import time
from collections.abc import AsyncIterable
from typing import Annotated, List, Optional

import jwt
from fastapi.middleware.cors import CORSMiddleware
from fastapi import APIRouter, BackgroundTasks, Depends, FastAPI, Header, HTTPException, Security
from fastapi.responses import HTMLResponse
from fastapi.sse import EventSourceResponse
from fastapi.security import OAuth2PasswordBearer, OAuth2PasswordRequestForm, SecurityScopes
from pydantic import BaseModel, EmailStr, Field, field_validator

app = FastAPI()
app.add_middleware(
    CORSMiddleware, allow_origins=["http://localhost:3000"], allow_methods=["*"], allow_headers=["*"], allow_credentials=True
)


@app.get("/")
def root():
    return {"message": "Hello World"}


@app.get("/health")
def health():
    return {"status": "ok"}


class Item(BaseModel):
    name: str = Field(..., min_length=1)
    price: float = Field(..., gt=0)
    tags: List[str] = []
    description: Optional[str] = None


@app.post("/items/", response_model=Item)
def create_item(item: Item):
    return item


class ItemSummary(BaseModel):
    item_id: int
    name: str
    q: Optional[str] = None


@app.get("/items/{item_id}", response_model=ItemSummary, response_model_exclude_none=True)
def read_item(item_id: int, q: Optional[str] = None):
    if item_id > 100:
        raise HTTPException(status_code=404, detail="Item not found")
    return ItemSummary(item_id=item_id, name="Sample Item", q=q)


@app.get("/items/{item_id}/page", response_class=HTMLResponse)
def item_page(item_id: int):
    return f"<h1>Sample Item #{item_id}</h1>"


async def fake_llm_response_generator():
    response_chunks = ["안녕하세요! ", "저는 FastAPI로 ", "만들어진 ", "AI 챗봇입니다."]
    for index, chunk in enumerate(response_chunks):
        if index > 0:
            await asyncio.sleep(0.5)
        yield chunk


@app.get("/chat", response_class=EventSourceResponse)
async def stream_chat() -> AsyncIterable[str]:
    """SSE(Server-Sent Events)를 사용하여 채팅 응답을 스트리밍한다."""
    async for chunk in fake_llm_response_generator():
        yield chunk


async def verify_api_key(x_api_key: str = Header(...)):
    if x_api_key != "fake-secret-api-key":
        raise HTTPException(status_code=403, detail="Invalid API Key")
    return x_api_key


@app.get("/protected-route", dependencies=[Depends(verify_api_key)])
async def protected_route():
    return {"message": "You have access to the protected route!"}


class UserIn(BaseModel):
    email: EmailStr
    age: int = Field(ge=18)

    @field_validator("email")
    @classmethod
    def must_be_corporate(cls, v):
        if not v.endswith("@company.com"):
            raise ValueError("Must be a company email")
        return v


@app.post("/users", status_code=201, response_model=UserIn)
async def create_user(user: UserIn):
    return user


async def send_email(email: str):
    await asyncio.sleep(2)


async def event_user_registered(email: str):
    pass


@app.post("/register")
async def register_user(user: UserIn, bg_tasks: BackgroundTasks):
    bg_tasks.add_task(send_email, user.email)
    bg_tasks.add_task(event_user_registered, user.email)
    return {"message": "OK"}


class PostUpdate(BaseModel):
    title: str = Field(min_length=1)
    content: str


class Post(BaseModel):
    id: int
    title: str
    content: str
    owner: str


POSTS = {
    1: Post(id=1, title="Hello", content="First post", owner="alice"),
    2: Post(id=2, title="Second", content="By bob", owner="bob"),
}

# The seeds' OAuth2 flow with PyJWT (HS256, the same secret as the Apus example in the differential run).
SECRET = os.environ.get("APUS_EXAMPLE_JWT_SECRET", "twin-development-secret")
PASSWORDS = {"alice": "alice-secret", "bob": "bob-secret"}
USER_SCOPES = {"alice": ["items:read"], "bob": ["items:read"]}
OWNED_ITEMS = [
    {"item_id": 1, "name": "Lamp", "owner": "alice"},
    {"item_id": 2, "name": "Desk", "owner": "alice"},
    {"item_id": 3, "name": "Chair", "owner": "bob"},
]

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token", scopes={"items:read": "Read your items."})


class Token(BaseModel):
    access_token: str
    token_type: str


@app.post("/token", response_model=Token)
async def login(form: Annotated[OAuth2PasswordRequestForm, Depends()]):
    if PASSWORDS.get(form.username) != form.password:
        raise HTTPException(status_code=401, detail="Incorrect username or password", headers={"WWW-Authenticate": "Bearer"})
    granted = [scope for scope in form.scopes if scope in USER_SCOPES[form.username]]
    now = int(time.time())
    token = jwt.encode({"sub": form.username, "iat": now, "exp": now + 1800, "scopes": granted}, SECRET, algorithm="HS256")
    return Token(access_token=token, token_type="bearer")


class CurrentUser(BaseModel):
    username: str
    scopes: List[str]


def get_current_user(security_scopes: SecurityScopes, token: Annotated[str, Depends(oauth2_scheme)]):
    invalid = HTTPException(status_code=401, detail="Could not validate credentials", headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})
    try:
        payload = jwt.decode(token, SECRET, algorithms=["HS256"])
    except jwt.PyJWTError:
        raise invalid
    username = payload.get("sub")
    if username not in PASSWORDS:
        raise invalid
    granted = payload.get("scopes", [])
    for scope in security_scopes.scopes:
        if scope not in granted:
            raise HTTPException(status_code=401, detail="Not enough permissions", headers={"WWW-Authenticate": f'Bearer scope="{security_scopes.scope_str}"'})
    return CurrentUser(username=username, scopes=granted)


class Me(BaseModel):
    username: str


@app.get("/users/me", response_model=Me)
async def read_me(user: Annotated[CurrentUser, Depends(get_current_user)]):
    return Me(username=user.username)


class OwnedItem(BaseModel):
    item_id: int
    name: str
    owner: str


@app.get("/users/me/items", response_model=List[OwnedItem])
async def read_my_items(user: Annotated[CurrentUser, Security(get_current_user, scopes=["items:read"])]):
    return [item for item in OWNED_ITEMS if item["owner"] == user.username]


@app.get("/users/me/posts", response_model=List[Post])
async def read_my_posts(user: Annotated[CurrentUser, Depends(get_current_user)]):
    return [post for _, post in sorted(POSTS.items()) if post.owner == user.username]


def validate_owner(post_id: int, user: Annotated[CurrentUser, Depends(get_current_user)]):
    post = POSTS.get(post_id)
    if post is None:
        raise HTTPException(status_code=404, detail="Post not found")
    if post.owner != user.username:
        raise HTTPException(status_code=403, detail="Not the owner")
    return post


@app.put("/posts/{post_id}", response_model=Post)
async def update_post(update: PostUpdate, post: Post = Depends(validate_owner)):
    POSTS[post.id] = Post(id=post.id, title=update.title, content=update.content, owner=post.owner)
    return POSTS[post.id]


PEOPLE = {1: ("Alice", "Smith"), 2: ("Bob", "Jones")}


def person(user_id: int):
    if user_id not in PEOPLE:
        raise HTTPException(status_code=404, detail="User not found")
    return PEOPLE[user_id]


class UserV1(BaseModel):
    id: int
    name: str


class UserV2(BaseModel):
    id: int
    first_name: str
    last_name: str
    email: str


v1 = APIRouter(tags=["v1"])
v2 = APIRouter(tags=["v2"])


@v1.get("/users/{user_id}", response_model=UserV1)
def user_v1(user_id: int):
    first, last = person(user_id)
    return UserV1(id=user_id, name=f"{first} {last}")


@v2.get("/users/{user_id}", response_model=UserV2)
def user_v2(user_id: int):
    first, last = person(user_id)
    return UserV2(id=user_id, first_name=first, last_name=last, email=f"{first.lower()}@company.com")


app.include_router(v1, prefix="/api/v1")
app.include_router(v2, prefix="/api/v2")
