"""The normscope command line, the Streamlit app and the exports."""
