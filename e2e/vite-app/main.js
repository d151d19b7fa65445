// What a web developer writes: the package and its CSS imported by name.
import init, { mount } from "active-sessions";
import "active-sessions/style.css";

init().then(() => {
  window.sessions = mount(document.getElementById("sessions"), { pageSize: 10 });
});
