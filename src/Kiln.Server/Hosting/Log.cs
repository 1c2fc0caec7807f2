namespace Kiln.Server.Hosting;

/// <summary>The service's log messages, generated once (no formatting cost when the level is off).</summary>
internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Kiln admin account created with the password from KILN_ADMIN_PASSWORD")]
    public static partial void AdminCreated(this ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    public static partial void RequestFailed(this ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Image {ImageId}: building {Format} (attempt {Attempt})")]
    public static partial void BuildStarted(this ILogger logger, long imageId, string format, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Image {ImageId}: complete, {FileName} ({Size} bytes) in {Seconds:F1} s")]
    public static partial void BuildCompleted(this ILogger logger, long imageId, string fileName, long size, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Image {ImageId}: build failed")]
    public static partial void BuildFailed(this ILogger logger, Exception exception, long imageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Image {ImageId}: its job ended without finishing it; now {State}")]
    public static partial void ImageReconciled(this ILogger logger, long imageId, string state);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reconciling unfinished images with their jobs failed; trying again later")]
    public static partial void ReconcileFailed(this ILogger logger, Exception exception);
}
