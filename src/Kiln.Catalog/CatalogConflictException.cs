namespace Kiln.Catalog;

/// <summary>A change the catalog refuses because of its current state (a duplicate login, a stale revision): HTTP 409.</summary>
public sealed class CatalogConflictException : Exception
{
    public CatalogConflictException() { }

    public CatalogConflictException(string message) : base(message) { }

    public CatalogConflictException(string message, Exception inner) : base(message, inner) { }
}
