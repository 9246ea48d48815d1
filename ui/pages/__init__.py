"""Pages of the Streamlit workspace (ui/app.py registers them with st.navigation)."""
