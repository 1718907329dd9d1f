// Search-as-you-type suggestions: progressive enhancement of the search field.
// Without JavaScript the page works as a plain form. With it, the field becomes an
// ARIA 1.2 combobox: suggestions from /api/suggest appear in a listbox, Arrow keys move,
// Enter chooses (and searches), Escape closes.
(function () {
  "use strict";
  var input = document.getElementById("q");
  if (!input || !window.fetch) { return; }
  var url = input.getAttribute("data-suggest-url");
  var minLetters = Number(input.getAttribute("data-suggest-min"));  // suggest.MIN_LETTERS, from the page
  var list = document.createElement("ul");
  var status = document.createElement("div");
  var options = [];
  var active = -1;
  var timer = null;
  var latest = 0;

  list.id = "q-forslag";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", "Förslag");
  list.className = "suggestions";
  list.hidden = true;
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  input.parentNode.appendChild(list);
  input.parentNode.appendChild(status);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function show(suggestions) {
    list.textContent = "";
    options = suggestions.map(function (text, i) {
      var li = document.createElement("li");
      li.id = "q-forslag-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.textContent = text;
      li.addEventListener("mousedown", function (event) { event.preventDefault(); choose(i); });
      list.appendChild(li);
      return li;
    });
    active = -1;
    if (options.length === 0) { close(); status.textContent = ""; return; }
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    status.textContent = options.length + (options.length === 1 ? " förslag" : " förslag") +
      ". Använd pil upp och ned för att välja.";
  }

  function move(to) {
    if (active >= 0) { options[active].setAttribute("aria-selected", "false"); }
    active = (to + options.length) % options.length;
    options[active].setAttribute("aria-selected", "true");
    input.setAttribute("aria-activedescendant", options[active].id);
  }

  function choose(i) {
    input.value = options[i].textContent;
    close();
    input.form.submit();
  }

  function fetchSuggestions() {
    var query = input.value;
    var ticket = ++latest;
    if (query.trim().length < minLetters) { close(); return; }
    fetch(url + "?q=" + encodeURIComponent(query), {headers: {"Accept": "application/json"}})
      .then(function (response) { return response.ok ? response.json() : {suggestions: []}; })
      .then(function (data) { if (ticket === latest) { show(data.suggestions || []); } })
      .catch(function () { close(); });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(fetchSuggestions, 150);
  });
  input.addEventListener("keydown", function (event) {
    if (list.hidden || options.length === 0) { return; }
    if (event.key === "ArrowDown") { event.preventDefault(); move(active + 1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); move(active - 1); }
    else if (event.key === "Enter" && active >= 0) { event.preventDefault(); choose(active); }
    else if (event.key === "Escape") { event.preventDefault(); close(); }
  });
  input.addEventListener("blur", close);
}());
