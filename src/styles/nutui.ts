// NutUI: the theme's CSS variables plus only the components we use, imported once, in one order.
import '@nutui/nutui-react-taro/dist/styles/themes/default.css'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/style.css'
import '@nutui/nutui-react-taro/dist/es/packages/empty/style/style.css'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/style.css'
import '@nutui/nutui-react-taro/dist/es/packages/loading/style/style.css'
import '@nutui/nutui-react-taro/dist/es/packages/switch/style/style.css'
import '@nutui/nutui-react-taro/dist/es/packages/textarea/style/style.css'
