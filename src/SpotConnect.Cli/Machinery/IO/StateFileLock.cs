namespace SpotConnect.IO;

/// <summary>
/// One command's exclusive hold on a state file: the sibling file <c>&lt;state&gt;.lock</c>, opened with
/// <see cref="FileShare.None"/> and kept open until disposed, so a second command on the same state fails at once
/// instead of working from the same state (two runs could each create a Spot account for one AWS account). The
/// operating system releases the hold when the process ends, however it ends; the lock file itself stays (deleting
/// it would let a waiting opener and a new one both hold "the" lock).
/// </summary>
internal sealed class StateFileLock : IDisposable
{
    /// <summary>What is appended to the state file's path to name its lock file.</summary>
    public const string Suffix = ".lock";

    private readonly FileStream _stream;

    private StateFileLock(string path, FileStream stream)
    {
        Path = path;
        _stream = stream;
    }

    /// <summary>The lock file (full path).</summary>
    public string Path { get; }

    /// <summary>Takes the lock of <paramref name="statePath"/>, or fails at once.</summary>
    /// <param name="statePath">The state file (need not exist yet).</param>
    /// <exception cref="IOException">Another command (this process or another) holds the lock; the message names the lock file.</exception>
    public static StateFileLock Acquire(string statePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(statePath);
        var path = System.IO.Path.GetFullPath(statePath) + Suffix;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        try
        {
            return new StateFileLock(path, new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException e) when (e is not (DirectoryNotFoundException or PathTooLongException))
        {
            throw new IOException(
                $"another spot-connect command is working on the state file {statePath}: it holds the lock file {path}. " +
                "Two runs on one state at once could create two Spot accounts for one AWS account; wait for the other run to end, then run this one again " +
                "(the lock is released when that process exits; the lock file may stay).",
                e);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();
}
