"""LRMX (任免审批表 XML, FORMS.md §2): parse untrusted files, write them, import them."""
