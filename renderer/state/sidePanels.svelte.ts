/** Which side panels are shown: either can be folded away to give the picture the whole window's width. */
export class SidePanels {
  images = $state(true);
  settings = $state(true);
}
