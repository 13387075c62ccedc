from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page


class ArticlePage(Page):
    """A news article: a rich-text standfirst and a StreamField body."""

    standfirst = RichTextField(blank=True)
    body = StreamField(
        [
            ("heading", blocks.CharBlock()),
            ("paragraph", blocks.RichTextBlock()),
            ("quote", blocks.StructBlock([("text", blocks.TextBlock()), ("source", blocks.CharBlock(required=False))])),
        ],
        blank=True,
    )

    content_panels = Page.content_panels + ["standfirst", "body"]
