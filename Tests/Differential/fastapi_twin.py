"""The example service (Sources/ExampleService) written in FastAPI, for the differential test (compare.py).

Run: uvicorn fastapi_twin:app --port 8001
"""

from typing import List, Optional

from fastapi import APIRouter, Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, EmailStr, Field, field_validator

app = FastAPI()


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


def get_user(x_user: str = Header(...)):
    return x_user


def validate_owner(post_id: int, user: str = Depends(get_user)):
    post = POSTS.get(post_id)
    if post is None:
        raise HTTPException(status_code=404, detail="Post not found")
    if post.owner != user:
        raise HTTPException(status_code=403, detail="Not the owner")
    return post


@app.put("/posts/{post_id}", response_model=Post)
async def update_post(update: PostUpdate, post: Post = Depends(validate_owner)):
    return Post(id=post.id, title=update.title, content=update.content, owner=post.owner)


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
