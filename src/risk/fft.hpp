#pragma once
// A real-to-complex FFT of one size (FFTW3), owning its buffers and plans.

#include <complex>
#include <cstddef>

namespace pco {

// Smallest n' >= n of the form 2^a 3^b 5^c 7^d, sizes FFTW transforms fastest.
std::size_t fast_fft_size(std::size_t n);
// Smallest n' >= n of the form 2·3^b 5^c 7^d, for a transform planned and run only once (the
// cold `pco compound`). FFTW's planner, even with FFTW_ESTIMATE, takes several times longer
// over sizes with many factors of 2 while running them no faster: 254,016 = 2^6 3^4 7^2 plans
// in 7.9 ms, 255,150 = 2 3^6 5^2 7 in 3.6 ms, and both run in about 3 ms
// (docs/performance.md, "Compound cold path").
std::size_t one_shot_fft_size(std::size_t n);

class RealFft {
 public:
  explicit RealFft(std::size_t n);
  ~RealFft();
  RealFft(const RealFft&) = delete;
  RealFft& operator=(const RealFft&) = delete;

  std::size_t size() const { return n_; }
  // Real samples, size().
  double* real() { return real_; }
  // Spectrum, size() / 2 + 1 bins.
  std::complex<double>* spectrum() { return reinterpret_cast<std::complex<double>*>(spectrum_); }

  // real -> spectrum: X_k = Σ_j x_j e^{-2πi jk/n}.
  void forward();
  // spectrum -> real, divided by n (so backward(forward(x)) = x). Overwrites the spectrum.
  void backward();

 private:
  std::size_t n_;
  double* real_;
  void* spectrum_;
  void* forward_plan_;
  void* backward_plan_;
};

}  // namespace pco
