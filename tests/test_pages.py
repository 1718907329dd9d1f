"""The HTML search page, read through selectors."""

from bs4 import BeautifulSoup


def page(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.data, "html.parser")


def test_page_is_swedish_with_a_labelled_search_form(client):
    soup = page(client, "/")
    field = soup.select_one("form[role=search] input[name=q]")
    assert soup.html["lang"] == "sv"
    assert soup.select_one(f"label[for={field['id']}]").get_text(strip=True) == "Sök i Utveckla svenska städer"


def test_results_show_title_link_kind_region_and_marked_snippet(client):
    soup = page(client, "/?q=hamn")
    hits = soup.select("ol.hits li.hit")
    assert [h.select_one("h2 a").get_text() for h in hits] == ["Region Blekinge", "Ystads kommun"]
    assert hits[1].select_one("h2 a")["href"] == "https://example.se/program.html#ystads-kommun"
    assert hits[1].select_one(".kind").get_text() == "Genomfört projekt"
    assert hits[1].select_one(".region").get_text() == "Skåne län"
    assert hits[1].select_one(".snippet mark").get_text() == "Hamnen"
    assert soup.select_one("[role=status]").get_text(strip=True) == "2 träffar för ”hamn”."
    assert soup.title.get_text().startswith("hamn")


def test_facet_links_filter_and_show_counts(client):
    soup = page(client, "/")
    links = {a.get_text(" ", strip=True): a["href"] for a in soup.select("#facet-region + ul a")}
    assert links == {
        "Nationellt (3)": "/?region=Nationellt",
        "Skåne län (2)": "/?region=Sk%C3%A5ne+l%C3%A4n",
        "Blekinge län (1)": "/?region=Blekinge+l%C3%A4n",
    }
    filtered = page(client, links["Skåne län (2)"])
    assert len(filtered.select("li.hit")) == 2
    assert filtered.select_one(".selected-filters a").get_text() == "Ta bort"


def test_no_hits_says_so_and_helps(client):
    soup = page(client, "/?q=zebrafink")
    assert soup.select_one("[role=status]").get_text(strip=True) == "Inga träffar för ”zebrafink”."
    assert "Kontrollera stavningen" in soup.select_one(".no-hits").get_text()


def test_pagination_links_pages(client):
    soup = page(client, "/?per_page=4&page=2")
    assert [a["href"] for a in soup.select("nav.pagination a")] == ["/?per_page=4", "/?per_page=4&page=2"]
    assert "sida 2" in soup.title.get_text()


def test_text_is_escaped_on_the_page(client):
    soup = page(client, "/?q=%3Cscript%3Ealert(1)%3C/script%3E")
    assert soup.select("script") == []


def test_bad_parameter_is_a_400_page_in_swedish(client):
    response = client.get("/?page=noll")
    soup = BeautifulSoup(response.data, "html.parser")
    assert response.status_code == 400
    assert "heltal" in soup.select_one("[role=alert]").get_text()
