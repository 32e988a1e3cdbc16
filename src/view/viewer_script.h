// The episode viewer's inline stylesheet and script (src/view/episode_viewer.h says what the page
// does). Kept apart from the C++ that embeds the data so each reads as what it is.
#ifndef TOOLSHIFT_VIEW_VIEWER_SCRIPT_H_
#define TOOLSHIFT_VIEW_VIEWER_SCRIPT_H_

namespace toolshift {

// A <style> element.
const char* ViewerStyle();
// A <script> element that reads <script id="data"> and builds the page from the URL fragment.
const char* ViewerScript();

}  // namespace toolshift

#endif  // TOOLSHIFT_VIEW_VIEWER_SCRIPT_H_
