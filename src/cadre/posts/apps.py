from django.apps import AppConfig


class PostsConfig(AppConfig):
    name = "cadre.posts"
    label = "posts"
    verbose_name = "职务职级"
