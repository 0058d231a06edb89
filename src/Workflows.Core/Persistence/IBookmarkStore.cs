namespace Workflows.Core.Persistence;

/// <summary>Reads bookmarks. They are written only by <see cref="IWorkflowInstanceStore.CommitAsync"/>.</summary>
public interface IBookmarkStore
{
    Task<BookmarkRecord?> FindByIdAsync(string id, CancellationToken cancellationToken);

    Task<IReadOnlyList<BookmarkRecord>> FindAsync(BookmarkFilter filter, CancellationToken cancellationToken);

    /// <summary>The earliest timer bookmark (smallest ResumeAt), optionally of one instance.</summary>
    Task<BookmarkRecord?> FindEarliestTimerAsync(string? workflowInstanceId, CancellationToken cancellationToken);
}
