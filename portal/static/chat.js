// Web chat: sends each message to the portal (never to Rasa) and shows the replies.
// Every text is put in with textContent, so nothing a reply says can become HTML.
(function () {
  "use strict";
  var root = document.getElementById("chat");
  var log = document.getElementById("log");
  var form = document.getElementById("send-form");
  var input = document.getElementById("text");
  var session = root.dataset.session;
  var lang = root.dataset.lang;
  var busy = false;

  function scroll() { log.scrollTop = log.scrollHeight; }

  function addMessage(text, who) {
    var div = document.createElement("div");
    div.className = "msg " + who;
    div.textContent = text;
    log.appendChild(div);
    scroll();
    return div;
  }

  function addButtons(buttons) {
    if (!buttons || !buttons.length) { return; }
    var row = document.createElement("div");
    row.className = "buttons";
    buttons.forEach(function (b) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "choice";
      button.textContent = b.title;
      button.dataset.payload = b.payload;
      row.appendChild(button);
    });
    log.appendChild(row);
    scroll();
  }

  function showReply(reply) {
    var div = null;
    if (reply.text) { div = addMessage(reply.text, "bot"); }
    if (reply.image && /^(https?:\/\/|\/)/.test(reply.image)) {
      div = div || addMessage("", "bot");
      var img = document.createElement("img");
      img.src = reply.image;
      img.alt = "";
      div.appendChild(img);
    }
    addButtons(reply.buttons);
  }

  function post(url, headers, body, shown) {
    if (busy) { return; }
    busy = true;
    root.dataset.waiting = "1";
    if (shown) { addMessage(shown, "me"); }
    // A first answer can take a while (Rasa warming up): say so instead of looking frozen.
    var waitNote = null;
    var timer = setTimeout(function () { waitNote = addMessage(root.dataset.wait, "bot wait"); }, 2500);
    fetch(url, {method: "POST", credentials: "same-origin", headers: headers, body: body}).then(function (r) {
      return r.json().then(function (data) { return {ok: r.ok, data: data}; });
    }).then(function (res) {
      if (!res.ok) { addMessage(res.data.error || root.dataset.error, "bot busy"); return; }
      res.data.replies.forEach(showReply);
    }).catch(function () {
      addMessage(root.dataset.error, "bot busy");
    }).then(function () {
      clearTimeout(timer);
      if (waitNote) { waitNote.remove(); }
      busy = false;
      root.dataset.waiting = "0";
      input.focus();
    });
  }

  function send(body, shown) {
    body.session = session;
    body.language = lang;
    post("/chat/send", {"Content-Type": "application/json"}, JSON.stringify(body), shown);
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) { return; }
    input.value = "";
    send({text: text}, text);
  });

  log.addEventListener("click", function (e) {
    var button = e.target.closest("button.choice");
    if (!button || busy) { return; }
    send({payload: button.dataset.payload}, button.textContent);
  });

  document.getElementById("share-location").addEventListener("click", function () {
    if (!navigator.geolocation) { addMessage(root.dataset.locationFailed, "bot busy"); return; }
    navigator.geolocation.getCurrentPosition(function (pos) {
      send({text: "", location: {lat: pos.coords.latitude, lon: pos.coords.longitude}},
           root.dataset.locationSent);
    }, function () { addMessage(root.dataset.locationFailed, "bot busy"); }, {timeout: 10000});
  });
  var photo = document.getElementById("photo");
  photo.addEventListener("change", function () {
    var file = photo.files[0];
    photo.value = "";
    if (!file) { return; }
    if (!/^image\/(jpeg|png)$/.test(file.type) || file.size > 5 * 1024 * 1024) {
      addMessage(root.dataset.photoFailed, "bot busy");
      return;
    }
    post("/chat/photo", {"Content-Type": file.type, "X-Chat-Session": session, "X-Chat-Language": lang},
         file, root.dataset.photoSent);
  });
  input.focus();
})();
